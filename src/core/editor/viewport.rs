//! The visible part of the map: world ↔ screen arithmetic, zooming around a point,
//! pinching, and fitting a map without shrinking its labels below a readable size.

/// The visible part of the map: the world point at the top-left corner and the zoom.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Viewport {
    /// World x at the left edge.
    pub x: f64,
    /// World y at the top edge.
    pub y: f64,
    /// Screen pixels per world unit.
    pub scale: f64,
}

impl Default for Viewport {
    fn default() -> Self {
        Viewport { x: -60.0, y: -60.0, scale: 1.0 }
    }
}

/// The smallest zoom the user can reach by wheel, pinch or buttons.
pub const MIN_SCALE: f64 = 0.2;
/// The largest zoom.
pub const MAX_SCALE: f64 = 4.0;
/// The smallest zoom "fit" uses: factor labels (15 units) stay at least 12 px high.
pub const READABLE_SCALE: f64 = 0.8;
/// The largest zoom "fit" uses, so a small map is not blown up.
const FIT_MAX_SCALE: f64 = 1.6;
/// Room around the map when fitting (world units).
const FIT_MARGIN: f64 = 40.0;

impl Viewport {
    /// The world point under screen point `(sx, sy)`.
    pub fn to_world(&self, (sx, sy): (f64, f64)) -> (f64, f64) {
        (self.x + sx / self.scale, self.y + sy / self.scale)
    }

    /// The screen point of world point `(wx, wy)`.
    pub fn to_screen(&self, (wx, wy): (f64, f64)) -> (f64, f64) {
        ((wx - self.x) * self.scale, (wy - self.y) * self.scale)
    }

    /// Zooms by `factor` keeping the world point under screen point `(sx, sy)` fixed.
    pub fn zoomed(self, factor: f64, sx: f64, sy: f64) -> Viewport {
        let scale = (self.scale * factor).clamp(MIN_SCALE, MAX_SCALE);
        let (wx, wy) = self.to_world((sx, sy));
        Viewport { x: wx - sx / scale, y: wy - sy / scale, scale }
    }

    /// Moved by a screen distance `(dx, dy)` as a drag of the background moves it: the
    /// map follows the pointer.
    pub fn panned(self, dx: f64, dy: f64) -> Viewport {
        Viewport { x: self.x - dx / self.scale, y: self.y - dy / self.scale, ..self }
    }

    /// The viewport after a two-finger pinch that started with the fingers `start_gap`
    /// pixels apart around screen point `start_mid` (with `self` the viewport then) and
    /// is now `gap` apart around `mid`: the world point under the first midpoint stays
    /// under the fingers, zoomed by how far they spread.
    pub fn pinched(self, start_mid: (f64, f64), start_gap: f64, mid: (f64, f64), gap: f64) -> Viewport {
        if start_gap < 1.0 {
            return self;
        }
        let anchor = self.to_world(start_mid);
        let scale = (self.scale * gap / start_gap).clamp(MIN_SCALE, MAX_SCALE);
        Viewport { x: anchor.0 - mid.0 / scale, y: anchor.1 - mid.1 / scale, scale }
    }

    /// The viewport that shows the world box `(min_x, min_y, max_x, max_y)` in a screen
    /// area of `width` × `height` pixels, with a margin. It never zooms out below
    /// [`READABLE_SCALE`]: a map too big for the screen is centred and the user pans.
    pub fn fitting(bounds: (f64, f64, f64, f64), width: f64, height: f64) -> Viewport {
        let (min_x, min_y, max_x, max_y) = bounds;
        let world_w = (max_x - min_x).max(1.0) + 2.0 * FIT_MARGIN;
        let world_h = (max_y - min_y).max(1.0) + 2.0 * FIT_MARGIN;
        let scale = (width / world_w).min(height / world_h).clamp(READABLE_SCALE, FIT_MAX_SCALE);
        let x = (min_x + max_x) / 2.0 - width / scale / 2.0;
        let y = (min_y + max_y) / 2.0 - height / scale / 2.0;
        Viewport { x, y, scale }
    }

    /// The viewport moved as little as needed (zoom unchanged) to show the world box
    /// `(min_x, min_y, max_x, max_y)` inside a screen area of `width` × `height` pixels,
    /// with a margin: a factor added off screen comes into view. A box larger than the
    /// screen is shown from its top-left corner.
    pub fn revealing(self, bounds: (f64, f64, f64, f64), width: f64, height: f64) -> Viewport {
        let (min_x, min_y, max_x, max_y) = bounds;
        let (view_w, view_h) = (width / self.scale, height / self.scale);
        let shift = |start: f64, size: f64, low: f64, high: f64| {
            let (low, high) = (low - FIT_MARGIN, high + FIT_MARGIN);
            if low < start || high - low > size {
                low
            } else if high > start + size {
                high - size
            } else {
                start
            }
        };
        Viewport { x: shift(self.x, view_w, min_x, max_x), y: shift(self.y, view_h, min_y, max_y), ..self }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: (f64, f64), b: (f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9
    }

    #[test]
    fn world_and_screen_are_inverse() {
        let viewport = Viewport { x: -30.0, y: 12.5, scale: 1.7 };
        let point = (123.0, -45.0);
        assert!(close(viewport.to_world(viewport.to_screen(point)), point));
    }

    #[test]
    fn zoom_keeps_the_point_under_the_pointer() {
        let viewport = Viewport::default();
        let under = viewport.to_world((300.0, 200.0));
        let zoomed = viewport.zoomed(1.5, 300.0, 200.0);
        assert!((zoomed.scale - 1.5).abs() < 1e-12);
        assert!(close(zoomed.to_world((300.0, 200.0)), under));
        assert_eq!(viewport.zoomed(1000.0, 0.0, 0.0).scale, MAX_SCALE);
        assert_eq!(viewport.zoomed(0.0001, 0.0, 0.0).scale, MIN_SCALE);
    }

    #[test]
    fn revealing_moves_only_as_far_as_needed_and_never_zooms() {
        let viewport = Viewport { x: 0.0, y: 0.0, scale: 2.0 };
        // 400 × 300 pixels show the world box (0, 0)–(200, 150).
        assert_eq!(viewport.revealing((50.0, 50.0, 100.0, 80.0), 400.0, 300.0), viewport, "already in view");
        let right = viewport.revealing((250.0, 50.0, 300.0, 80.0), 400.0, 300.0);
        assert_eq!((right.x, right.y, right.scale), (300.0 + FIT_MARGIN - 200.0, 0.0, 2.0));
        let above = viewport.revealing((50.0, -90.0, 100.0, -60.0), 400.0, 300.0);
        assert_eq!((above.x, above.y), (0.0, -90.0 - FIT_MARGIN));
    }

    #[test]
    fn panning_follows_the_pointer() {
        let viewport = Viewport { x: 0.0, y: 0.0, scale: 2.0 };
        let under = viewport.to_world((100.0, 100.0));
        let panned = viewport.panned(40.0, -20.0);
        assert!(close(panned.to_world((140.0, 80.0)), under));
    }

    #[test]
    fn a_pinch_zooms_by_the_spread_and_follows_the_fingers() {
        let viewport = Viewport { x: 10.0, y: 20.0, scale: 1.0 };
        let anchor = viewport.to_world((200.0, 150.0));
        let pinched = viewport.pinched((200.0, 150.0), 100.0, (220.0, 140.0), 200.0);
        assert!((pinched.scale - 2.0).abs() < 1e-12);
        assert!(close(pinched.to_world((220.0, 140.0)), anchor));
        assert_eq!(viewport.pinched((0.0, 0.0), 0.0, (5.0, 5.0), 50.0), viewport, "no spread: no change");
    }

    #[test]
    fn fitting_never_shrinks_labels_below_readable() {
        let small = Viewport::fitting((0.0, 0.0, 400.0, 300.0), 800.0, 500.0);
        assert!(small.scale > READABLE_SCALE && small.scale <= FIT_MAX_SCALE);
        let centre = small.to_screen((200.0, 150.0));
        assert!(close(centre, (400.0, 250.0)), "the map is centred: {centre:?}");
        let huge = Viewport::fitting((0.0, 0.0, 5000.0, 3000.0), 800.0, 500.0);
        assert_eq!(huge.scale, READABLE_SCALE);
        assert!(close(huge.to_screen((2500.0, 1500.0)), (400.0, 250.0)));
    }
}
