//! Files in and out: a download made from a Blob URL (nothing is uploaded; the browser
//! saves the bytes it already has) and reading a file the user picked.

use js_sys::{Array, JsString, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, Url};

/// How long a download's Blob URL stays valid (the browser reads it right away).
const BLOB_URL_LIFETIME_MS: u32 = 60_000;

/// A Blob of `text` with the given MIME type.
///
/// # Errors
/// When the browser refuses.
pub fn text_blob(text: &str, mime: &str) -> Result<Blob, JsValue> {
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    Blob::new_with_str_sequence_and_options(&Array::of1(&text.into()), &options)
}

/// Offers `blob` to the user as a download named `file_name`.
///
/// # Errors
/// When the browser refuses to make the link.
pub fn download(blob: &Blob, file_name: &str) -> Result<(), JsValue> {
    let document = web_sys::window().and_then(|w| w.document()).ok_or("geen document")?;
    let url = Url::create_object_url_with_blob(blob)?;
    let link: HtmlAnchorElement = document.create_element("a")?.unchecked_into();
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    gloo::timers::callback::Timeout::new(BLOB_URL_LIFETIME_MS, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// The bytes of a file the user picked.
///
/// # Errors
/// When the browser cannot read it (removed, no permission, out of memory).
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, JsValue> {
    let buffer = JsFuture::from(file.array_buffer()).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// The file name (without extension) for a case titled `title` (`core::text::file_stem`),
/// from the title composed by the browser (NFC): a title typed decomposed, as macOS
/// keyboards and file pickers give it, gets the same name as one typed composed.
pub fn file_stem(title: &str) -> String {
    let composed = JsString::from(title).normalize("NFC");
    crate::core::text::file_stem(&String::from(composed))
}
