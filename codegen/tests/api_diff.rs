//! `codegen::diff` over Stripe's real specs: the Billing Portal update from 2023-08-16 to
//! 2024-04-10 is exactly what the two specs say, and `--all` classifies every change by its rule.

use codegen::diff::{diff, ChangeKind, Diff};
use codegen::model::{build, Model, Selection};

const OLD: &str = "2023-08-16/spec3.yaml";
const NEW: &str = "2024-04-10/spec3.json";

/// The model of the pinned Stripe file `spec` (found, checked and, where it has a URL,
/// downloaded by stripe-files; a missing file fails the test saying how to get it).
fn model(spec: &str, selection: &Selection) -> Model {
    let path = stripe_files::Project::here().file(spec).unwrap_or_else(|e| panic!("{e}"));
    let loaded = codegen::load::load_file(&path).unwrap_or_else(|e| panic!("{e}"));
    build(&loaded.api, spec, selection).unwrap_or_else(|e| panic!("{e}"))
}

fn between(old: &str, new: &str, selection: &Selection) -> Diff {
    diff(&model(old, selection), &model(new, selection))
}

/// Read from the two specs by hand: `billing_portal.session` and its create parameters
/// (`POST /v1/billing_portal/sessions`: `configuration`, `customer` (required), `expand`,
/// `flow_data`, `locale`, `on_behalf_of`, `return_url`) are the same in both but for
/// descriptions; every flow type and enum (`locale`'s 47 values, the flow types) is unchanged.
/// What the session reaches through its expandable `configuration` changed in one place:
/// `portal_features` lost its required `subscription_pause` (a `portal_subscription_pause`,
/// `{enabled: boolean}`, no longer in the 2024 spec). The configuration's own operations are not
/// in this selection (they return `billing_portal.configuration`), so its `subscription_pause`
/// params are not either. Every selection has the typed `event::Event`, whose `EventType` lists the
/// `enabled_events` of `POST /v1/webhook_endpoints`: 2024 adds 14 names and drops 7 (`order.created`,
/// `recipient.*`, `sku.*`).
#[test]
fn billing_portal_session_2023_08_16_to_2024_04_10_is_what_the_specs_say() {
    let selection = Selection::Resources(vec!["billing_portal.session".into()]);
    let diff = between(OLD, NEW, &selection);
    assert_eq!((diff.old_version.as_str(), diff.new_version.as_str()), ("2023-08-16", "2024-04-10"));
    let (events, changes): (Vec<_>, Vec<_>) = diff.changes.iter().partition(|c| c.module == "event");
    let changes: Vec<(&str, ChangeKind, &str, &str, bool)> =
        changes.iter().map(|c| (c.module.as_str(), c.kind, c.item.as_str(), c.detail.as_str(), c.breaking)).collect();
    let removed: Vec<&str> = events
        .iter()
        .filter(|c| c.kind == ChangeKind::EnumValueRemoved && c.breaking)
        .map(|c| c.detail.as_str())
        .collect();
    assert_eq!(
        removed,
        [
            "`order.created`",
            "`recipient.created`",
            "`recipient.deleted`",
            "`recipient.updated`",
            "`sku.created`",
            "`sku.deleted`",
            "`sku.updated`"
        ]
    );
    let added = events.iter().filter(|c| c.kind == ChangeKind::EnumValueAdded && !c.breaking).count();
    assert_eq!((added, events.len()), (14, 21), "only EventType's values change: {events:#?}");
    assert!(events.iter().all(|c| c.item.starts_with("EventType::")));
    assert_eq!(
        changes,
        [
            (
                "billing_portal::configuration",
                ChangeKind::FieldRemoved,
                "PortalFeatures.subscription_pause",
                "`PortalSubscriptionPause`",
                true
            ),
            (
                "billing_portal::configuration",
                ChangeKind::TypeRemoved,
                "PortalSubscriptionPause",
                "struct `billing_portal::configuration::PortalSubscriptionPause` is gone",
                true
            ),
        ]
    );
    let markdown = diff.markdown("billing_portal.session");
    assert!(markdown.contains("**9 breaking** and **14 additive** changes in 2 modules."), "{markdown}");
}

/// Every change of `--all` carries the verdict its rule gives, and a spec compared with itself
/// has no change.
#[test]
fn all_resources_classify_every_change_by_its_rule() {
    let old = model(OLD, &Selection::All);
    let new = model(NEW, &Selection::All);
    let diff = diff(&old, &new);
    for change in &diff.changes {
        let expected = match change.kind {
            ChangeKind::OperationAdded
            | ChangeKind::FieldAdded
            | ChangeKind::EnumValueAdded
            | ChangeKind::TypeAdded => Some(false),
            ChangeKind::OperationRemoved
            | ChangeKind::OperationResultChanged
            | ChangeKind::ParamRemoved
            | ChangeKind::FieldRemoved
            | ChangeKind::TypeChanged
            | ChangeKind::EnumValueRemoved
            | ChangeKind::UnionVariantRemoved
            | ChangeKind::Renamed
            | ChangeKind::TypeRemoved
            | ChangeKind::TypeMoved
            | ChangeKind::KindChanged => Some(true),
            // Breaking or not by the Rust type (new's arguments, an `Option` gained or lost).
            _ => None,
        };
        if let Some(expected) = expected {
            assert_eq!(change.breaking, expected, "{change:?}");
        }
    }
    let has = |kind: ChangeKind, item: &str| diff.of_kind(kind).any(|c| c.item == item);
    // A few changes read from the specs: the removed issuing settlements list, `product.features`
    // (now `marketing_features`), checkout's `success_url` no longer required.
    assert!(has(ChangeKind::OperationRemoved, "GET /v1/issuing/settlements"));
    assert!(has(ChangeKind::FieldRemoved, "Product.features"));
    assert!(diff.of_kind(ChangeKind::MadeOptional).any(|c| c.item == "CreateSession.success_url" && c.breaking));
    let counts = diff.counts();
    println!(
        "{}",
        counts
            .iter()
            .map(|(k, c)| format!("{} {}+{}", k.as_str(), c.breaking, c.additive))
            .collect::<Vec<_>>()
            .join(", ")
    );
    assert!(counts.iter().any(|(k, c)| *k == ChangeKind::EnumValueAdded && c.additive > 100));

    assert_eq!(codegen::diff::diff(&new, &new).changes, []);
}
