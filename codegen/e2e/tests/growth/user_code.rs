// User code written against the crate before a spec update, compiled by growth.rs against the
// crate before (`api` = stripe_widgets) and after it (`api` = stripe_widgets_v2). It uses the
// generated API the way the README says code that must survive updates uses it: constructors and
// setters, never struct literals; a `_` arm in every match on an enum or a union.

use api::thing::widget::{CreateWidget, CreateWidgetSize, DimensionsParam, Widget, WidgetFinish, WidgetStatus};

/// Parameters built with the constructor and setters, plus one newer than the spec.
pub fn create_params() -> CreateWidget {
    CreateWidget::new("Sprocket")
        .size(CreateWidgetSize::Large)
        .dimensions(DimensionsParam::new(3).depth(1.5))
        .tags(["a", "b"])
        .extra_param("color", "red")
}

/// A widget read field by field, its enum and its union matched with a `_` arm.
pub fn describe(widget: &Widget) -> String {
    let status = match widget.status {
        WidgetStatus::Active => "active",
        WidgetStatus::Retired => "retired",
        _ => "another status",
    };
    let finish = match &widget.finish {
        WidgetFinish::Paint(paint) => format!("paint {}", paint.color),
        WidgetFinish::Varnish(varnish) => format!("varnish {}", varnish.gloss),
        _ => "another finish".to_owned(),
    };
    let weight = widget.unknown_fields().get("weight").map_or("no weight".to_owned(), |w| format!("weight {w}"));
    format!("{} {} {status} {finish}, {weight}", widget.id, widget.name)
}
