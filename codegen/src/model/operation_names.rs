//! Operation names, as Stripe's official SDKs name the methods: verb + object.
//!
//! The object is the resource the path starts with (the longest run of leading literal segments
//! that names a resource, `billing_portal/sessions` → `Session`), followed by the nested
//! collection, spelled out (`/v1/customers/{customer}/balance_transactions` →
//! `CustomerBalanceTransactions`). The verb comes from the method and the path:
//! - `{id}` last: `Retrieve` (GET), `Update` (POST), `Delete` (DELETE);
//! - a collection: `List` (a GET returning a list; the collection keeps its plural), `Search`
//!   (`…/search`), `Create` (POST);
//! - a singleton (a GET that returns one object, `/v1/account`, `/v1/balance`): `Retrieve`,
//!   `Update` (POST);
//! - an action: a literal last segment of an operation that returns the resource it is on
//!   (`POST /v1/invoices/{invoice}/pay` → `PayInvoice`, `GET /v1/apps/secrets/find` → `FindSecret`).
//!
//! The second and last candidate, used only when another type of the module wants the first, is
//! the `operationId` in UpperCamelCase (unique in a valid spec), or without one the method and
//! path (`GetV1WidgetsWidget`).

use crate::fast_hash::FastSet;

use super::convert::resource_type_name;
use super::Method;
use crate::names;

/// What naming needs to know about an operation's path.
#[derive(Clone, Copy, Debug)]
pub(super) struct PathShape<'p> {
    /// HTTP method.
    pub method: Method,
    /// Path template, e.g. `/v1/customers/{customer}`.
    pub path: &'p str,
    /// The path also has a GET.
    pub has_get: bool,
    /// That GET returns a Stripe list (the path is a collection).
    pub get_returns_list: bool,
    /// This operation returns a Stripe list.
    pub returns_list: bool,
    /// The resource this operation returns, if any.
    pub returns: Option<&'p str>,
}

/// Candidate names of an operation's parameters type, best first.
pub(super) fn operation_names(
    shape: &PathShape<'_>,
    resources: &FastSet<String>,
    operation_id: Option<&str>,
) -> Vec<String> {
    let last = match operation_id {
        Some(id) => names::type_name(id),
        None => names::type_name(&format!("{} {}", shape.method.as_str(), shape.path)),
    };
    vec![primary(shape, resources), last]
}

/// The resource a path starts with: the longest run of leading literal segments that names one
/// (`/v1/terminal/configurations/{configuration}` → `terminal.configuration`), and how many
/// segments (after `v1`) it took.
pub(super) fn path_resource(path: &str, resources: &FastSet<String>) -> (Option<String>, usize) {
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').filter(|s| *s != "v1" && !s.is_empty()).collect();
    let leading = segments.iter().take_while(|s| !s.starts_with('{')).count();
    (1..=leading)
        .rev()
        .find_map(|n| {
            let joined = segments[..n].join(".");
            let singular =
                segments[..n - 1].iter().map(|s| format!("{s}.")).collect::<String>() + &singular(segments[n - 1]);
            [joined, singular].into_iter().find(|id| resources.contains(id)).map(|id| (Some(id), n))
        })
        .unwrap_or((None, leading.min(1)))
}

fn primary(shape: &PathShape<'_>, resources: &FastSet<String>) -> String {
    let segments: Vec<&str> =
        shape.path.trim_start_matches('/').split('/').filter(|s| *s != "v1" && !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    let (resource, matched) = path_resource(shape.path, resources);
    let object = match (&resource, segments.first()) {
        (Some(id), _) => resource_type_name(id),
        (None, Some(first)) if matched == 1 => names::type_name(&singular(first)),
        _ => "Api".to_owned(),
    };
    let collection = segments.get(matched.saturating_sub(1)).copied().unwrap_or_default();
    let rest: Vec<&str> = segments[matched..].iter().copied().skip_while(|s| is_param(s)).collect();
    let ends_with_param = segments.last().is_some_and(|s| is_param(s));
    let literals: Vec<&str> = rest.iter().copied().filter(|s| !is_param(s)).collect();
    let on_resource = resource.is_some() && shape.returns == resource.as_deref();
    let method = shape.method;

    let Some((&last, middle)) = literals.split_last() else {
        // `/collection`, `/collection/{id}` or a singleton.
        let verb = match method {
            Method::Get if ends_with_param => "Retrieve",
            Method::Get if shape.returns_list => return format!("List{}", names::type_name(collection)),
            Method::Get => "Retrieve",
            Method::Post if ends_with_param => "Update",
            Method::Post if shape.has_get && !shape.get_returns_list => "Update",
            Method::Post => "Create",
            Method::Delete => "Delete",
        };
        return format!("{verb}{object}");
    };
    let middle: String = middle.iter().map(|s| names::type_name(&singular(s))).collect();
    let nested = |last: &str| format!("{object}{middle}{}", names::type_name(last));
    if ends_with_param {
        let verb = match method {
            Method::Get => "Retrieve",
            Method::Post => "Update",
            Method::Delete => "Delete",
        };
        return format!("{verb}{}", nested(&singular(last)));
    }
    match method {
        Method::Get if last == "search" => format!("Search{}", names::type_name(collection)),
        Method::Get if shape.returns_list => format!("List{}", nested(last)),
        Method::Post if shape.get_returns_list => format!("Create{}", nested(&singular(last))),
        Method::Get | Method::Post if on_resource => format!("{}{object}{middle}", names::type_name(last)),
        Method::Get => format!("Retrieve{}", nested(last)),
        Method::Post if shape.has_get => format!("Update{}", nested(last)),
        Method::Post => format!("Create{}", nested(&singular(last))),
        Method::Delete => format!("Delete{}", nested(last)),
    }
}

/// English singular of a path segment: `customers` → `customer`, `capabilities` → `capability`,
/// `boxes` → `box`, `cash_balance` and `status` unchanged.
pub(super) fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        return format!("{stem}y");
    }
    for suffix in ["sses", "xes", "ches", "shes"] {
        if word.ends_with(suffix) {
            return word[..word.len() - 2].to_owned();
        }
    }
    match word.strip_suffix('s') {
        Some(stem) if !word.ends_with("ss") && !word.ends_with("us") => stem.to_owned(),
        _ => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(
        method: Method,
        path: &str,
        has_get: bool,
        get_returns_list: bool,
        returns_list: bool,
        returns: Option<&str>,
    ) -> String {
        let resources: FastSet<String> = [
            "customer",
            "customer_balance_transaction",
            "invoice",
            "account",
            "balance",
            "billing_portal.session",
            "apps.secret",
            "login_link",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let shape = PathShape { method, path, has_get, get_returns_list, returns_list, returns };
        operation_names(&shape, &resources, Some("PostThing"))[0].clone()
    }

    #[test]
    fn verbs_and_objects_as_the_sdks_name_them() {
        use Method::*;
        assert_eq!(
            name(Post, "/v1/billing_portal/sessions", false, false, false, Some("billing_portal.session")),
            "CreateSession"
        );
        assert_eq!(name(Get, "/v1/customers", true, true, true, Some("customer")), "ListCustomers");
        assert_eq!(name(Post, "/v1/customers", true, true, false, Some("customer")), "CreateCustomer");
        assert_eq!(name(Get, "/v1/customers/{customer}", true, false, false, Some("customer")), "RetrieveCustomer");
        assert_eq!(name(Post, "/v1/customers/{customer}", true, false, false, Some("customer")), "UpdateCustomer");
        assert_eq!(name(Delete, "/v1/customers/{customer}", true, false, false, None), "DeleteCustomer");
        assert_eq!(name(Get, "/v1/customers/search", true, false, false, None), "SearchCustomers");
        let nested = "/v1/customers/{customer}/balance_transactions";
        assert_eq!(
            name(Get, nested, true, true, true, Some("customer_balance_transaction")),
            "ListCustomerBalanceTransactions"
        );
        assert_eq!(
            name(Post, nested, true, true, false, Some("customer_balance_transaction")),
            "CreateCustomerBalanceTransaction"
        );
        let one = "/v1/customers/{customer}/balance_transactions/{transaction}";
        assert_eq!(name(Get, one, true, false, false, None), "RetrieveCustomerBalanceTransaction");
        assert_eq!(name(Get, "/v1/account", true, false, false, Some("account")), "RetrieveAccount", "a singleton");
        assert_eq!(name(Post, "/v1/account", true, false, false, Some("account")), "UpdateAccount");
        assert_eq!(name(Get, "/v1/balance", true, false, false, Some("balance")), "RetrieveBalance");
        assert_eq!(name(Post, "/v1/invoices/{invoice}/pay", false, false, false, Some("invoice")), "PayInvoice");
        assert_eq!(name(Get, "/v1/apps/secrets/find", true, false, false, Some("apps.secret")), "FindSecret");
        assert_eq!(
            name(Post, "/v1/accounts/{account}/login_links", false, false, false, Some("login_link")),
            "CreateAccountLoginLink"
        );
        assert_eq!(
            name(Delete, "/v1/customers/{customer}/discount", true, false, false, None),
            "DeleteCustomerDiscount"
        );
    }

    #[test]
    fn singular_of_path_segments() {
        assert_eq!(singular("customers"), "customer");
        assert_eq!(singular("capabilities"), "capability");
        assert_eq!(singular("boxes"), "box");
        assert_eq!(singular("cash_balance"), "cash_balance");
        assert_eq!(singular("status"), "status");
    }
}
