//! Queries the builder writes, shared by `tests/query.rs` and the grammar check in
//! `tests/abnf.rs`.
#![allow(dead_code)]

use odata::query::{cast, EnumMember, Filter, Levels, Query, Search};
use odata::{Binary, Date, DateTimeOffset, Decimal, Duration, Flags, Guid, Int64, TimeOfDay};
use proptest::prelude::*;

use super::models::{Employee, RiskLevel, User, UserRole};

/// Characters that would change a query's structure if they were written as they are, plus
/// non-ASCII of every UTF-8 length.
pub const HOSTILE: &[char] = &[
    '\'', '"', '&', '=', '#', '+', '%', ' ', '?', '/', '(', ')', ',', ';', '$', '@', ':', '\\', '<', '>',
    '[', ']', '{', '}', '|', '^', '`', '*', '!', '~', '\t', '\n', '\r', '\0', 'é', '€', '𝄞', '\u{7f}', 'a',
    'Z', '0', '-', '.', '_',
];

/// Strings of hostile characters and fragments of query syntax.
pub fn hostile_string() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(HOSTILE).prop_map(String::from),
        Just("&$filter=id eq 'x'".to_owned()),
        Just("''".to_owned()),
        Just("%27".to_owned()),
        Just("%2".to_owned()),
        Just(") or (true".to_owned()),
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..12).prop_map(|pieces| pieces.concat())
}

/// A typical Graph query: a filter on a few properties, a selection, an ordering, a page size.
pub fn typical_query(name: &str) -> Query<User> {
    let user = User::fields();
    Query::new()
        .filter(user.display_name.starts_with(name).and(user.account_enabled.eq(true)))
        .select(user.id)
        .select(user.display_name)
        .select(user.business_phones)
        .expand_with(user.manager, |manager| {
            manager.select(User::fields().id).select(User::fields().display_name)
        })
        .order_by(user.display_name)
        .order_by_desc(user.created_date_time)
        .top(25)
        .count(true)
}

pub fn guid() -> Guid {
    "e6742553-2553-e674-5325-74e6532574e6".parse().unwrap()
}

/// One filter of every kind the builder writes, with `value` in every string literal.
pub fn filters(value: &str) -> Vec<Filter<User>> {
    let user = User::fields();
    let moment: DateTimeOffset = "2016-12-31T23:59:54.0590989-08:00".parse().unwrap();
    let date: Date = "2024-02-29".parse().unwrap();
    let time: TimeOfDay = "12:00:05.502".parse().unwrap();
    let duration: Duration = "P1DT2H".parse().unwrap();
    vec![
        user.display_name.eq(value),
        user.display_name.ne(value.to_owned()),
        user.id.gt(value),
        user.age.ge(18),
        user.age.lt(-3_i8),
        user.employee_number.le(Int64(-9_007_199_254_740_993)),
        user.score.gt(2.5),
        user.score.lt(f64::NEG_INFINITY),
        user.account_enabled.eq(false),
        user.created_date_time.lt(moment),
        user.birthday.eq(date),
        user.wake_up_time.ge(time),
        user.working_time.le(duration),
        user.object_guid.eq(guid()),
        user.thumbnail.eq(Binary::from(vec![0xfb, 0xff, 0x00])),
        user.display_name.is_null(),
        user.manager.is_not_null(),
        user.display_name.eq(user.id),
        user.display_name.eq(None::<&str>),
        user.display_name.is_in([value, "b"]),
        user.age.is_in([1, 2, 3]),
        user.user_roles.has(Flags::from_iter([UserRole::Admin, UserRole::Guest])),
        user.user_roles.has(UserRole::Guest),
        user.user_roles.has(Flags::new()),
        user.user_roles.eq(Flags::from_iter([UserRole::Admin])),
        user.risk_level.eq(RiskLevel::High),
        user.risk_level.ne(&RiskLevel::Low),
        user.risk_level.has(RiskLevel::Low),
        user.risk_level.is_in([RiskLevel::Low, RiskLevel::High]),
        user.risk_name.eq(EnumMember::new("microsoft.graph.riskLevel", "high")),
        user.salary.gt("1234567890.123456789012345".parse::<Decimal>().unwrap()),
        user.salary.le(-100),
        user.display_name.starts_with(value),
        user.display_name.ends_with(value),
        user.display_name.contains(value),
        user.address.fields().city.eq(value),
        user.address.fields().geo.fields().latitude.gt(59.9),
        user.manager.fields().display_name.eq(value),
        user.business_phones.any(|phone| phone.eq(value)),
        user.business_phones.all(|phone| phone.starts_with("+47")),
        user.business_phones.is_not_empty(),
        user.assigned_licenses.any(|license| license.fields().sku_id.eq(guid())),
        user.assigned_licenses.any(|license| license.fields().disabled_plans.any(|plan| plan.ne(guid()))),
        user.direct_reports
            .any(|report| report.fields().display_name.eq(value).and(report.fields().age.gt(30))),
        user.manager.cast::<Employee>().fields().employee_id.eq(value),
        cast::<User, Employee>().fields().employee_id.eq(value),
        user.display_name.eq(value).and(user.age.gt(1)).or(user.age.lt(0).not()),
        user.display_name.eq(value).or(user.age.gt(1)).and(user.age.lt(0)),
    ]
}

/// Queries that use every option, with `value` in every place a value can stand.
pub fn queries(value: &str) -> Vec<Query<User>> {
    let user = User::fields();
    let mut queries: Vec<Query<User>> =
        filters(value).into_iter().map(|filter| Query::new().filter(filter)).collect();
    queries.push(typical_query(value));
    queries.push(
        Query::new()
            .select(user.address)
            .expand(user.direct_reports)
            .expand_with(user.manager, |manager| {
                manager
                    .filter(User::fields().display_name.eq(value))
                    .select(User::fields().id)
                    .expand(User::fields().direct_reports)
                    .order_by_desc(User::fields().age)
                    .top(3)
                    .skip(1)
                    .count(true)
            })
            .skip(50)
            .count(false),
    );
    queries.push(Query::new().expand_with(user.manager, |manager| {
        manager.levels(Levels::Max).search(Search::phrase("room").unwrap()).expand_with(
            User::fields().direct_reports,
            |reports| {
                reports.levels(Levels::depth(12).unwrap()).filter(User::fields().display_name.eq(value))
            },
        )
    }));
    if let Ok(search) = Search::property(user.display_name, value) {
        queries.push(Query::new().search(search.or(Search::phrase("room").unwrap())));
    }
    if !value.is_empty() {
        queries.push(Query::new().skip_token(value));
    }
    queries
}
