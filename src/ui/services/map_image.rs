//! Pictures of the map: the SVG on screen (`#case-map`) as a standalone SVG document,
//! cropped to the factors and with the app's CSS inlined, and that SVG drawn on a canvas
//! as a PNG. Everything happens in the page; nothing is fetched.

use crate::core::control::xml_safe;
use crate::core::number::Fixed;
use crate::ui::services::files::text_blob;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, CanvasRenderingContext2d, CssStyleSheet, Element, HtmlCanvasElement, HtmlImageElement, Url};

const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// White space around the factors, in map units.
const MARGIN: f64 = 40.0;
/// PNG pixels per map unit (sharp on a projector and in a printed report).
const PNG_SCALE: f64 = 2.0;
/// The largest PNG side browsers reliably draw.
const MAX_PNG_SIDE: f64 = 8192.0;

/// A standalone SVG document and its size in map units.
pub struct MapPicture {
    /// The SVG document text.
    pub svg: String,
    /// Width in map units (CSS pixels at zoom 1).
    pub width: f64,
    /// Height in map units.
    pub height: f64,
}

/// The text of every CSS rule the page has loaded (the app's own stylesheet).
fn page_css(document: &web_sys::Document) -> String {
    let sheets = document.style_sheets();
    let mut css = String::new();
    for index in 0..sheets.length() {
        let Some(sheet) = sheets.item(index).and_then(|s| s.dyn_into::<CssStyleSheet>().ok()) else { continue };
        let Ok(rules) = sheet.css_rules() else { continue };
        for rule in (0..rules.length()).filter_map(|i| rules.item(i)) {
            css.push_str(&rule.css_text());
            css.push('\n');
        }
    }
    css
}

/// The map on screen as a standalone SVG of the box `bounds` (`min_x, min_y, max_x,
/// max_y` in map units), without the editing aids (label field, link handles).
///
/// # Errors
/// When the map is not on screen (list view) or the browser refuses.
pub fn map_svg(bounds: (f64, f64, f64, f64)) -> Result<MapPicture, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("geen document")?;
    let map = document.get_element_by_id("case-map").ok_or("de kaart staat niet op het scherm")?;
    let copy: Element = map.clone_node_with_deep(true)?.unchecked_into();
    let aids = copy.query_selector_all("foreignObject, .link-handle, .link-draft")?;
    for index in 0..aids.length() {
        if let Some(node) = aids.item(index).and_then(|n| n.dyn_into::<Element>().ok()) {
            node.remove();
        }
    }
    if let Some(group) = copy.query_selector(":scope > g")? {
        group.remove_attribute("transform")?;
    }
    let (min_x, min_y, max_x, max_y) = bounds;
    let (x, y) = (min_x - MARGIN, min_y - MARGIN);
    let (width, height) = (max_x - min_x + 2.0 * MARGIN, max_y - min_y + 2.0 * MARGIN);
    for attribute in ["class", "role", "aria-roledescription", "tabindex"] {
        copy.remove_attribute(attribute)?;
    }
    copy.set_attribute(
        "viewBox",
        &format!("{} {} {} {}", Fixed(x, 1), Fixed(y, 1), Fixed(width, 1), Fixed(height, 1)),
    )?;
    copy.set_attribute("width", &Fixed(width, 0).to_string())?;
    copy.set_attribute("height", &Fixed(height, 0).to_string())?;
    let background = document.create_element_ns(Some(SVG_NS), "rect")?;
    for (name, value) in [
        ("x", Fixed(x, 1).to_string()),
        ("y", Fixed(y, 1).to_string()),
        ("width", Fixed(width, 1).to_string()),
        ("height", Fixed(height, 1).to_string()),
        ("fill", "#ffffff".to_string()),
    ] {
        background.set_attribute(name, &value)?;
    }
    copy.prepend_with_node_1(&background)?;
    let style = document.create_element_ns(Some(SVG_NS), "style")?;
    style.set_text_content(Some(&page_css(&document)));
    copy.prepend_with_node_1(&style)?;
    // A label may still hold a character XML forbids (a case stored before labels were
    // cleaned): the serialiser writes it as it is, which no SVG reader accepts.
    let svg = xml_safe(&web_sys::XmlSerializer::new()?.serialize_to_string(&copy)?).into_owned();
    Ok(MapPicture { svg, width, height })
}

/// Resolves once the image has loaded (or failed to).
async fn loaded(image: &HtmlImageElement) -> Result<(), JsValue> {
    let mut image_slot = Some(image.clone());
    let promise = Promise::new(&mut |resolve, _| {
        let Some(image) = image_slot.take() else { return };
        let settle = Closure::once_into_js(move |event: web_sys::Event| {
            let _ = resolve.call1(&JsValue::NULL, &JsValue::from(event.type_() == "load"));
        });
        image.set_onload(Some(settle.unchecked_ref()));
        image.set_onerror(Some(settle.unchecked_ref()));
    });
    if JsFuture::from(promise).await?.as_bool() == Some(true) {
        Ok(())
    } else {
        Err("de kaart kon niet als afbeelding worden getekend".into())
    }
}

/// The picture drawn on a canvas, as a PNG Blob.
///
/// # Errors
/// When the browser cannot draw or encode it.
pub async fn map_png(picture: &MapPicture) -> Result<Blob, JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("geen document")?;
    let url = Url::create_object_url_with_blob(&text_blob(&picture.svg, "image/svg+xml")?)?;
    let image = HtmlImageElement::new()?;
    image.set_src(&url);
    let result = loaded(&image).await;
    let _ = Url::revoke_object_url(&url);
    result?;
    let scale = PNG_SCALE.min(MAX_PNG_SIDE / picture.width).min(MAX_PNG_SIDE / picture.height);
    let canvas: HtmlCanvasElement = document.create_element("canvas")?.unchecked_into();
    canvas.set_width((picture.width * scale).round() as u32);
    canvas.set_height((picture.height * scale).round() as u32);
    let context: CanvasRenderingContext2d =
        canvas.get_context("2d")?.ok_or("de browser kan niet tekenen")?.unchecked_into();
    context.scale(scale, scale)?;
    context.draw_image_with_html_image_element(&image, 0.0, 0.0)?;
    let mut canvas_slot = Some(canvas);
    let promise = Promise::new(&mut |resolve, reject| {
        let Some(canvas) = canvas_slot.take() else { return };
        let done = Closure::once_into_js(move |blob: JsValue| {
            let _ = resolve.call1(&JsValue::NULL, &blob);
        });
        if let Err(error) = canvas.to_blob_with_type(done.unchecked_ref(), "image/png") {
            let _ = reject.call1(&JsValue::NULL, &error);
        }
    });
    let blob = JsFuture::from(promise).await?;
    blob.dyn_into::<Blob>().map_err(|_| JsValue::from("de browser kon geen PNG maken"))
}
