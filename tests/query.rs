//! The typed query builder: what each option and filter writes, how values are escaped,
//! when `ConsistencyLevel: eventual` is sent, and that rendering allocates once.

#[path = "query/cases.rs"]
mod cases;
#[path = "query/models.rs"]
mod models;

use cases::{filters, guid, hostile_string, typical_query};
use models::{Employee, User};
use odata::query::{cast, ExpandOptions, Filter, Levels, Query, QueryError, Search};
use odata::Service;
use percent_encoding::percent_decode_str;
use proptest::prelude::*;

fn query_string(query: &Query<User>) -> String {
    query.to_query_string()
}

/// The expected text of each of `cases::filters("v")`, unescaped.
const EXPECTED_FILTERS: &[&str] = &[
    "displayName eq 'v'",
    "displayName ne 'v'",
    "id gt 'v'",
    "age ge 18",
    "age lt -3",
    "employeeNumber le -9007199254740993",
    "score gt 2.5",
    "score lt -INF",
    "accountEnabled eq false",
    "createdDateTime lt 2016-12-31T23:59:54.0590989-08:00",
    "birthday eq 2024-02-29",
    "wakeUpTime ge 12:00:05.502",
    "workingTime le duration'P1DT2H'",
    "objectGuid eq e6742553-2553-e674-5325-74e6532574e6",
    "thumbnail eq binary'-_8A'",
    "displayName eq null",
    "manager ne null",
    "displayName eq id",
    "displayName eq null",
    "displayName in ('v','b')",
    "age in (1,2,3)",
    "userRoles has microsoft.graph.userRoles'admin,guest'",
    "userRoles has microsoft.graph.userRoles'guest'",
    "userRoles has microsoft.graph.userRoles'0'",
    "userRoles eq microsoft.graph.userRoles'admin'",
    "riskLevel eq microsoft.graph.riskLevel'high'",
    "riskLevel ne microsoft.graph.riskLevel'low'",
    "riskLevel has microsoft.graph.riskLevel'low'",
    "riskLevel in (microsoft.graph.riskLevel'low',microsoft.graph.riskLevel'high')",
    "riskName eq microsoft.graph.riskLevel'high'",
    "salary gt 1234567890.123456789012345",
    "salary le -100",
    "startswith(displayName,'v')",
    "endswith(displayName,'v')",
    "contains(displayName,'v')",
    "address/city eq 'v'",
    "address/geo/latitude gt 59.9",
    "manager/displayName eq 'v'",
    "businessPhones/any(x:x eq 'v')",
    "businessPhones/all(x:startswith(x,'+47'))",
    "businessPhones/any()",
    "assignedLicenses/any(x:x/skuId eq e6742553-2553-e674-5325-74e6532574e6)",
    "assignedLicenses/any(x:x/disabledPlans/any(y:y ne e6742553-2553-e674-5325-74e6532574e6))",
    "directReports/any(x:x/displayName eq 'v' and x/age gt 30)",
    "manager/microsoft.graph.employee/employeeId eq 'v'",
    "microsoft.graph.employee/employeeId eq 'v'",
    "displayName eq 'v' and age gt 1 or (not (age lt 0))",
    "(displayName eq 'v' or age gt 1) and age lt 0",
];

#[test]
fn every_filter_writes_its_expression() {
    let written: Vec<String> = filters("v").iter().map(Filter::to_string).collect();
    assert_eq!(written, EXPECTED_FILTERS);
}

#[test]
fn literals_are_the_literal_writers() {
    let user = User::fields();
    assert_eq!(user.display_name.eq("O'Neil").to_string(), "displayName eq 'O''Neil'");
    assert_eq!(user.display_name.eq("''").to_string(), "displayName eq ''''''");
    assert_eq!(user.score.eq(f64::NAN).to_string(), "score eq NaN");
    assert_eq!(user.score.eq(1e-7).to_string(), "score eq 1e-7");
    assert_eq!(user.employee_number.eq(i64::MAX).to_string(), "employeeNumber eq 9223372036854775807");
}

#[test]
fn and_or_not_are_parenthesized_as_their_precedence_needs() {
    let user = User::fields();
    let a = || user.age.eq(1);
    let b = || user.age.eq(2);
    let c = || user.age.eq(3);
    assert_eq!(a().and(b()).and(c()).to_string(), "age eq 1 and age eq 2 and age eq 3");
    assert_eq!(a().or(b()).or(c()).to_string(), "age eq 1 or age eq 2 or age eq 3");
    assert_eq!(a().and(b()).or(c()).to_string(), "age eq 1 and age eq 2 or age eq 3");
    assert_eq!(a().or(b()).and(c()).to_string(), "(age eq 1 or age eq 2) and age eq 3");
    assert_eq!(c().and(a().or(b())).to_string(), "age eq 3 and (age eq 1 or age eq 2)");
    assert_eq!(a().or(b()).not().to_string(), "not (age eq 1 or age eq 2)");
    assert_eq!(a().not().and(b()).to_string(), "(not (age eq 1)) and age eq 2");
    assert_eq!(Filter::<User>::raw("x or y").and(a()).to_string(), "(x or y) and age eq 1");
}

#[test]
fn a_second_filter_is_combined_with_and() {
    let user = User::fields();
    let query = Query::new().filter(user.age.eq(1).or(user.age.eq(2))).filter(user.display_name.eq("a"));
    assert_eq!(
        query_string(&query),
        "$filter=(age%20eq%201%20or%20age%20eq%202)%20and%20displayName%20eq%20'a'"
    );
}

#[test]
fn lambda_variables_of_nested_lambdas_differ_and_outer_ones_stay_reachable() {
    let user = User::fields();
    let filter = user
        .direct_reports
        .any(|report| report.fields().business_phones.any(|phone| phone.eq(report.fields().display_name)));
    assert_eq!(filter.to_string(), "directReports/any(x:x/businessPhones/any(y:y eq x/displayName))");
}

#[test]
fn casts_reach_the_derived_types_properties_and_the_base_ones() {
    let employee = cast::<User, Employee>().fields();
    assert_eq!(employee.display_name.eq("a").to_string(), "microsoft.graph.employee/displayName eq 'a'");
    assert_eq!(
        User::fields()
            .direct_reports
            .any(|report| report.cast::<Employee>().fields().mentor.is_null())
            .to_string(),
        "directReports/any(x:x/microsoft.graph.employee/mentor eq null)"
    );
    // A derived type's own queries see its base's properties without a cast.
    let query = Query::<Employee>::new()
        .select(Employee::fields().employee_id)
        .select(Employee::fields().display_name);
    assert_eq!(query.to_query_string(), "$select=employeeId,displayName");
}

#[test]
fn every_option_is_written_in_a_fixed_order() {
    let user = User::fields();
    let query = Query::new()
        .option("$levels", "max")
        .skip_token("X'1")
        .count(true)
        .skip(20)
        .top(10)
        .order_by(user.display_name)
        .order_by_desc(user.age)
        .expand(user.direct_reports)
        .expand_with(user.manager, |manager| {
            let user = User::fields();
            manager
                .levels(Levels::Max)
                .select(user.id)
                .select(user.display_name)
                .filter(user.age.gt(1))
                .top(2)
        })
        .select(user.id)
        .select(user.address)
        .search(Search::phrase("room").unwrap())
        .filter(user.age.eq(3));
    assert_eq!(
        query_string(&query),
        "$filter=age%20eq%203&$search=%22room%22&$select=id,address\
         &$expand=directReports,manager($filter=age%20gt%201;$select=id,displayName;$top=2;$levels=max)\
         &$orderby=displayName,age%20desc&$top=10&$skip=20&$count=true&$skiptoken=X'1&$levels=max"
    );
}

#[test]
fn expand_options_are_those_the_abnf_allows_there() {
    let user = User::fields();
    let query = Query::new().expand_with(user.direct_reports, |reports| {
        let report = User::fields();
        reports
            .filter(report.age.gt(1))
            .filter(report.display_name.ne("a"))
            .search(Search::phrase("room").unwrap())
            .select(report.id)
            .expand(report.manager)
            .order_by(report.display_name)
            .order_by_desc(report.age)
            .top(3)
            .skip(1)
            .count(true)
            .levels(Levels::depth(4).unwrap())
    });
    assert_eq!(
        query_string(&query),
        "$expand=directReports($filter=age%20gt%201%20and%20displayName%20ne%20'a';$search=%22room%22\
         ;$select=id;$expand=manager;$orderby=displayName,age%20desc;$top=3;$skip=1;$count=true;$levels=4)"
    );
    // Nested options are options of the expanded entities: they ask for no consistency level.
    assert!(!query.needs_eventual_consistency());
    let nested = ExpandOptions::<User>::new().levels(Levels::Max);
    assert!(!nested.is_empty() && ExpandOptions::<User>::default().is_empty());
    assert_eq!(format!("{nested:?}"), r#"ExpandOptions("$levels=max")"#);
    assert_eq!(Levels::depth(0), None);
}

#[test]
fn an_empty_skip_token_is_refused_not_written() {
    let query = Query::<User>::new().top(5).skip_token("");
    assert_eq!(query_string(&query), "$top=5");
    assert_eq!(query.check(), Err(QueryError::EmptySkipToken));
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let error = service.try_list_with(&query).unwrap_err();
    assert!(matches!(error, odata::Error::InvalidRequest { .. }), "{error:?}");
    assert!(error.to_string().contains("$skiptoken is empty"), "{error}");
    assert!(service.try_get_with("1", &query).is_err());
    assert_eq!(Query::<User>::new().try_skip_token("").unwrap_err(), QueryError::EmptySkipToken);
    // A later token replaces the refused one, as every option's second value replaces the first.
    let query = query.skip_token("X");
    assert_eq!(query.check(), Ok(()));
    assert_eq!(query_string(&query), "$top=5&$skiptoken=X");
    assert_eq!(query_string(&Query::new().try_skip_token("Y").unwrap()), "$skiptoken=Y");
}

#[test]
fn an_expand_without_options_has_no_parentheses() {
    let user = User::fields();
    let query = Query::new().expand_with(user.manager, |manager| manager);
    assert_eq!(query_string(&query), "$expand=manager");
    assert_eq!(query_string(&Query::new()), "");
    assert!(Query::<User>::new().is_empty());
    assert!(!Query::<User>::new().top(0).is_empty());
}

#[test]
fn search_phrases_combine_and_reject_what_they_cannot_hold() {
    let user = User::fields();
    let a = || Search::property(user.display_name, "a").unwrap();
    let b = || Search::phrase("b c").unwrap();
    assert_eq!(a().and(b()).to_string(), r#""displayName:a" AND "b c""#);
    assert_eq!(a().or(b()).and(a()).to_string(), r#"("displayName:a" OR "b c") AND "displayName:a""#);
    let query = Query::new().search(a().or(b()));
    assert_eq!(query_string(&query), "$search=%22displayName:a%22%20OR%20%22b%20c%22");
    let error = Search::<User>::phrase(r#"a"b"#).unwrap_err();
    assert_eq!(error, QueryError::QuoteInSearchPhrase { phrase: r#"a"b"#.to_owned() });
    assert_eq!(error.to_string(), r#"$search phrase `a"b` holds a `"`, which a search phrase cannot hold"#);
    assert_eq!(Search::property(user.display_name, "").unwrap_err(), QueryError::EmptySearchPhrase);
}

#[test]
fn values_that_look_like_structure_are_escaped() {
    let user = User::fields();
    let query = Query::new().filter(user.display_name.eq("a&$top=1#x+y%41 é'")).option("a=b&c", "d#e");
    assert_eq!(
        query_string(&query),
        "$filter=displayName%20eq%20'a%26$top=1%23x%2By%2541%20%C3%A9'''&a%3Db%26c=d%23e"
    );
    // `/` and `?` separate nothing inside a value, but the ABNF's string literal wants them
    // encoded; in a path they stay.
    let query = Query::new().filter(user.address.fields().city.eq("a/b?c''").and(Filter::raw("x eq 'd/e'")));
    assert_eq!(
        query_string(&query),
        "$filter=address/city%20eq%20'a%2Fb%3Fc'''''%20and%20(x%20eq%20'd%2Fe')"
    );
}

fn header(request: &odata::http::Request<Vec<u8>>) -> Option<&str> {
    request.headers().get("consistencylevel").map(|value| value.to_str().unwrap())
}

#[test]
fn consistency_level_is_sent_for_advanced_queries_and_on_request() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let user = User::fields();
    let advanced = [
        Query::new().search(Search::phrase("a").unwrap()),
        Query::new().count(true),
        Query::new().filter(user.display_name.ne("a")),
        Query::new().filter(user.display_name.eq("a").not()),
        Query::new().filter(user.display_name.ends_with("a")),
        Query::new().filter(user.display_name.is_not_null()),
        Query::new().filter(user.age.eq(1).or(user.business_phones.any(|phone| phone.ne("1")))),
        Query::new().filter(user.display_name.eq("a")).order_by(user.display_name),
    ];
    for query in &advanced {
        assert_eq!(header(&service.list_with(query)), Some("eventual"), "{query:?}");
        assert_eq!(header(&service.list_with(&query.clone().eventual_consistency(false))), None, "{query:?}");
    }
    let plain = [
        Query::new(),
        Query::new().count(false),
        Query::new().filter(user.display_name.eq("a").and(user.age.gt(1))),
        Query::new().filter(user.display_name.starts_with("a")),
        Query::new().order_by(user.display_name).top(5),
        Query::new().filter(Filter::raw("displayName ne 'a'")),
    ];
    for query in &plain {
        assert_eq!(header(&service.list_with(query)), None, "{query:?}");
        assert_eq!(header(&service.list_with(&query.clone().eventual_consistency(true))), Some("eventual"));
    }
}

#[test]
fn list_with_and_get_with_put_the_query_on_the_url() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let user = User::fields();
    let request = service.list_with(&typical_query("Ann"));
    assert_eq!(request.method(), "GET");
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'Ann')%20and%20accountEnabled%20eq%20true\
         &$select=id,displayName,businessPhones&$expand=manager($select=id,displayName)\
         &$orderby=displayName,createdDateTime%20desc&$top=25&$count=true"
    );
    assert_eq!(request.headers()["accept"], "application/json");

    let request = service.get_with("a/b", &Query::<User>::new().select(user.id).expand(user.manager));
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users/a%2Fb?$select=id&$expand=manager");
    let request = service.get_with("a", &Query::<User>::new());
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users/a");
}

#[test]
fn a_derived_type_is_listed_through_its_base_set_with_the_cast_segment() {
    let service = Service::new("https://graph.microsoft.com/v1.0");
    let query = Query::<Employee>::new().filter(Employee::fields().employee_id.eq("x"));
    assert_eq!(
        service.list_with(&query).uri(),
        "https://graph.microsoft.com/v1.0/users/microsoft.graph.employee?$filter=employeeId%20eq%20'x'"
    );
    assert_eq!(
        service.list::<Employee>().uri(),
        "https://graph.microsoft.com/v1.0/users/microsoft.graph.employee"
    );
    // The set's own type, and what is not a listing, are not cast.
    assert_eq!(service.list::<User>().uri(), "https://graph.microsoft.com/v1.0/users");
    assert_eq!(service.list_with(&Query::<User>::new()).uri(), "https://graph.microsoft.com/v1.0/users");
    assert_eq!(service.get::<Employee>("1").uri(), "https://graph.microsoft.com/v1.0/users/1");
    assert_eq!(<Employee as odata::EntitySet>::SET_TYPE_NAME, "microsoft.graph.user");
    assert_eq!(<Box<Employee> as odata::EntitySet>::SET_TYPE_NAME, "microsoft.graph.user");
}

/// Splits a query string into its options' names and decoded values.
fn decode(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .map(|option| {
            let (name, value) = option.split_once('=').expect("every option has a value");
            let decode = |text: &str| percent_decode_str(text).decode_utf8().unwrap().into_owned();
            (decode(name), decode(value))
        })
        .collect()
}

/// The string literal `'...'` at the start of `text`, its quotes undoubled, and the rest.
fn read_string_literal(text: &str) -> (String, &str) {
    let mut value = String::new();
    let mut rest = text.strip_prefix('\'').expect("a string literal starts with a quote");
    loop {
        let end = rest.find('\'').expect("a string literal ends with a quote");
        value.push_str(&rest[..end]);
        rest = &rest[end + 1..];
        match rest.strip_prefix('\'') {
            Some(after) => {
                value.push('\'');
                rest = after;
            }
            None => return (value, rest),
        }
    }
}

/// Only the characters that the URL conventions allow in a query, as they are.
fn assert_url_safe(query: &str) {
    for byte in query.bytes() {
        assert!(
            byte.is_ascii_alphanumeric() || b"-._~%!$&'()*,;=:@/?".contains(&byte),
            "`{}` in {query}",
            byte as char
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// No value changes the query's structure: the options are the ones asked for, and each
    /// value decodes back to exactly what was given.
    #[test]
    fn hostile_values_stay_values(value in hostile_string(), token in hostile_string(), custom in hostile_string()) {
        let user = User::fields();
        let query = Query::new()
            .filter(user.display_name.eq(value.as_str()).and(user.address.fields().city.is_in([value.as_str()])))
            .select(user.id)
            .skip_token(token.clone())
            .option(custom.clone(), value.clone());
        let written = query.to_query_string();
        assert_url_safe(&written);
        prop_assert_eq!(written.len(), query.encoded_len());
        let mut options = decode(&written);
        let names: Vec<&str> = options.iter().map(|(name, _)| name.as_str()).collect();
        if token.is_empty() {
            // Refused, not written as `$skiptoken=`.
            prop_assert_eq!(names, ["$filter", "$select", custom.as_str()]);
            prop_assert_eq!(query.check(), Err(QueryError::EmptySkipToken));
            options.insert(2, ("$skiptoken".to_owned(), String::new()));
        } else {
            prop_assert_eq!(names, ["$filter", "$select", "$skiptoken", custom.as_str()]);
            prop_assert_eq!(query.check(), Ok(()));
        }

        let filter = &options[0].1;
        let rest = filter.strip_prefix("displayName eq ").unwrap();
        let (first, rest) = read_string_literal(rest);
        prop_assert_eq!(&first, &value);
        let rest = rest.strip_prefix(" and address/city in (").unwrap();
        let (second, rest) = read_string_literal(rest);
        prop_assert_eq!(&second, &value);
        prop_assert_eq!(rest, ")");
        prop_assert_eq!(&options[1].1, "id");
        prop_assert_eq!(&options[2].1, &token);
        prop_assert_eq!(&options[3].1, &value);
    }

    /// A search phrase is kept whole, or refused when it holds a `"`.
    #[test]
    fn hostile_search_phrases_stay_phrases(words in hostile_string()) {
        match Search::property(User::fields().display_name, &words) {
            Ok(search) => {
                let written = Query::new().search(search).to_query_string();
                assert_url_safe(&written);
                let options = decode(&written);
                prop_assert_eq!(options.len(), 1);
                prop_assert_eq!(&options[0].1, &format!("\"displayName:{words}\""));
            }
            Err(QueryError::QuoteInSearchPhrase { phrase }) => {
                prop_assert!(words.contains('"'));
                prop_assert_eq!(phrase, words);
            }
            Err(QueryError::EmptySearchPhrase) => prop_assert!(words.is_empty()),
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
    }
}

#[test]
fn an_enum_members_quote_is_doubled_as_in_a_string() {
    let member = odata::query::EnumMember::new("ns.Color", "a'b");
    assert_eq!(member.to_string(), "ns.Color'a''b'");
    assert_eq!(User::fields().risk_name.eq(member).to_string(), "riskName eq ns.Color'a''b'");
    let unknown = models::RiskLevel::Other("a'b".into());
    assert_eq!(
        User::fields().risk_level.has(&unknown).to_string(),
        "riskLevel has microsoft.graph.riskLevel'a''b'"
    );
    let roles = odata::Flags::from_iter([models::UserRole::Other("x'y".into()), models::UserRole::Admin]);
    assert_eq!(
        User::fields().user_roles.has(roles).to_string(),
        "userRoles has microsoft.graph.userRoles'x''y,admin'"
    );
}

#[test]
fn the_guid_literal_is_unquoted() {
    assert_eq!(
        User::fields().object_guid.ne(guid()).to_string(),
        "objectGuid ne e6742553-2553-e674-5325-74e6532574e6"
    );
}

/// The counting allocator sees allocations on this thread only.
#[test]
fn the_counter_counts() {
    let counted = allocation_counter::measure(|| {
        std::hint::black_box(String::from("x"));
    });
    assert_eq!(counted.count_total, 1);
}

#[test]
fn rendering_a_typical_query_allocates_once() {
    let query = typical_query("Ann & Bob's");
    let mut written = String::new();
    let counted = allocation_counter::measure(|| written = query.to_query_string());
    assert_eq!(counted.count_total, 1, "rendering allocated {} times", counted.count_total);
    assert_eq!(written.len(), written.capacity(), "the one allocation is exactly the query's length");
    assert_eq!(written.len(), query.encoded_len());
}

/// Building allocates too (each filter's text, the option lists, a nested query's box):
/// measured here so that a change shows; a `Service` request adds the URL and `http`'s own.
#[test]
fn building_a_typical_query_allocates_a_few_times() {
    let counted = allocation_counter::measure(|| {
        std::hint::black_box(typical_query("Ann & Bob's"));
    });
    println!("building the typical query: {} allocations", counted.count_total);
    assert!(counted.count_total <= 12, "building allocated {} times", counted.count_total);

    let service = Service::new("https://graph.microsoft.com/v1.0");
    let query = typical_query("Ann & Bob's");
    let counted = allocation_counter::measure(|| {
        std::hint::black_box(service.list_with(&query));
    });
    println!("its request: {} allocations", counted.count_total);
}

/// The example of `NOTES-query.md`'s README section, with the hand-written handles.
#[test]
fn the_readme_example() {
    let sku = guid();
    let user = User::fields();
    let query = Query::<User>::new()
        .filter(
            user.display_name
                .starts_with("Ann & Bob")
                .and(user.account_enabled.eq(true))
                .and(user.assigned_licenses.any(|license| license.fields().sku_id.eq(sku)))
                .and(user.address.fields().city.is_in(["Oslo", "Bergen"])),
        )
        .select(user.id)
        .select(user.display_name)
        .expand_with(user.manager, |manager| manager.select(User::fields().display_name))
        .order_by_desc(user.created_date_time)
        .top(25)
        .count(true);

    let request = Service::new("https://graph.microsoft.com/v1.0").list_with(&query);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users?$filter=startswith(displayName,'Ann%20%26%20Bob')\
         %20and%20accountEnabled%20eq%20true\
         %20and%20assignedLicenses/any(x:x/skuId%20eq%20e6742553-2553-e674-5325-74e6532574e6)\
         %20and%20address/city%20in%20('Oslo','Bergen')\
         &$select=id,displayName&$expand=manager($select=displayName)\
         &$orderby=createdDateTime%20desc&$top=25&$count=true"
    );
    assert_eq!(request.headers()["consistencylevel"], "eventual");
}
