//! A service that is not Graph: the shape of the OData TripPin reference service
//! (`tests/data/trippin.xml`, written from its public documentation; PascalCase names,
//! `Nullable="false"`, an enum, complex and entity hierarchies, containment, a singleton, bound
//! functions and an action, and a composite key the reference service lacks). The generated
//! crate reads the documented responses (`tests/data/trippin/`) and writes them back, and
//! `odata::Service` with `KeyStyle::Parentheses` builds TripPin's requests from its types.

mod common;
mod generated_crate;

use common::scratch;
use generated_crate::{cargo_run, workspace_root, write_checker};
use odata_codegen::Config;

fn data(name: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
}

const CHECKER: &str = r#####"
use odata::{KeyStyle, Service};
use serde_json::Value;
use trippin::microsoft::o_data::sample_service::models::trip_pin as tp;

const ROOT: &str = "https://services.odata.org/V4/TripPinServiceRW";

/// Reads a fixture as `T`, writes it back and checks that exactly `expected` differ. The
/// writer always names the type (`@odata.type`, Graph's habit: `#` and the name on an entity,
/// the bare name inside a complex value), where TripPin's minimal metadata leaves it out for
/// the declared type: those additions are the expected differences, listed one by one.
fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(dir: &str, name: &str, expected: &[&str]) -> T {
    let text = std::fs::read_to_string(format!("{dir}/{name}")).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap();
    let value: T = serde_json::from_value(json.clone()).unwrap_or_else(|error| panic!("{name}: {error}"));
    let written = serde_json::to_value(&value).unwrap();
    let mut found = Vec::new();
    differences(&json, &written, "", &mut found);
    assert_eq!(found, expected, "{name} written back");
    value
}

fn body(request: &http::Request<Vec<u8>>) -> Value {
    serde_json::from_slice(request.body()).unwrap()
}

fn main() {
    let dir = std::env::args().nth(1).expect("the fixtures' directory");

    // People('russellwhyte'): PascalCase properties, the enum, a collection of the complex
    // hierarchy's base, an Int64 beyond f64's precision, and the annotations kept.
    const PERSON_TYPES: &[&str] =
        &["added /AddressInfo/0/City/@odata.type", "added /AddressInfo/0/@odata.type", "added /@odata.type"];
    let russell: tp::Person = round_trip(&dir, "people-russellwhyte.json", PERSON_TYPES);
    assert_eq!(russell.user_name.as_deref(), Some("russellwhyte"));
    assert_eq!(russell.gender, Some(tp::PersonGender::Male));
    match russell.address_info.as_deref() {
        Some([tp::AnyLocation::Location(location)]) => {
            assert_eq!(location.city.as_ref().and_then(|city| city.name.as_deref()), Some("Boise"))
        }
        other => panic!("AddressInfo: {other:?}"),
    }
    assert_eq!(serde_json::to_string(&russell.concurrency).unwrap(), "635404797346655200");

    // The Me singleton's answer reads through the same type.
    let me: tp::Person = round_trip(&dir, "me.json", PERSON_TYPES);
    assert_eq!((me.user_name.as_deref(), me.gender), (Some("aprilcline"), Some(tp::PersonGender::Female)));

    // A contained trip. Its Edm.Single budget is written as a float: the same JSON number,
    // another text.
    let trip: tp::Trip = round_trip(&dir, "people-russellwhyte-trips-0.json", &["changed /Budget: 3000 became 3000.0", "added /@odata.type"]);
    assert_eq!((trip.trip_id, trip.budget), (Some(0), Some(3000.0)));
    assert_eq!(trip.tags.as_ref().map(Vec::len), Some(3));

    // The plan items: the entity hierarchy read by `@odata.type`, the derived complex value
    // in its declared type.
    let items: odata::Collection<tp::AnyPlanItem> =
        round_trip(&dir, "people-russellwhyte-trips-0-planitems.json", &[
            "added /value/1/OccursAt/City/@odata.type",
            "added /value/1/OccursAt/@odata.type",
        ]);
    match &items.value[..] {
        [tp::AnyPlanItem::Flight(flight), tp::AnyPlanItem::Event(event)] => {
            assert_eq!(flight.flight_number.as_deref(), Some("VA1930"));
            assert_eq!(flight.base.seat_number.as_deref(), Some("12A"));
            assert_eq!(flight.base.base.plan_item_id, Some(11));
            let occurs_at = event.occurs_at.as_ref().unwrap();
            assert_eq!(occurs_at.building_info.as_deref(), Some("Regus Business Center"));
            assert_eq!(occurs_at.base.address.as_deref(), Some("100 Church Street, 8th Floor, Manhattan, 10007"));
        }
        other => panic!("PlanItems: {other:?}"),
    }

    // An airport: a derived complex type with a geography point (its `crs` kept).
    let airport: tp::Airport = round_trip(&dir, "airports-ksfo.json", &[
        "added /Location/City/@odata.type",
        "added /Location/@odata.type",
        "added /@odata.type",
    ]);
    let location = airport.location.as_ref().unwrap();
    assert_eq!(location.base.city.as_ref().and_then(|city| city.region.as_deref()), Some("California"));
    assert!(location.loc.is_some());

    // GetFavoriteAirline's answer.
    let airline: tp::Airline = round_trip(&dir, "people-russellwhyte-getfavoriteairline.json", &["added /@odata.type"]);
    assert_eq!(airline.airline_code.as_deref(), Some("AA"));

    // A value of a derived complex type in a property of the base type.
    let event_location = serde_json::json!({
        "@odata.type": "#Microsoft.OData.SampleService.Models.TripPin.EventLocation",
        "Address": "100 Church Street",
        "City": {"CountryRegion": "United States", "Name": "New York City", "Region": "New York"},
        "BuildingInfo": "Regus Business Center"
    });
    let read: tp::AnyLocation = serde_json::from_value(event_location.clone()).unwrap();
    assert!(matches!(&read, tp::AnyLocation::EventLocation(_)), "{read:?}");
    // Written back with the bare name inside a complex value, as Graph writes it (OData's JSON
    // format asks for the `#`).
    let mut found = Vec::new();
    differences(&event_location, &serde_json::to_value(&read).unwrap(), "", &mut found);
    assert_eq!(
        found,
        [
            "changed /@odata.type: \"#Microsoft.OData.SampleService.Models.TripPin.EventLocation\" became \"Microsoft.OData.SampleService.Models.TripPin.EventLocation\"",
            "added /City/@odata.type"
        ]
    );

    // Requests, in OData's key style.
    let service = Service::new(ROOT).with_key_style(KeyStyle::Parentheses);
    assert_eq!(service.get::<tp::Person>("russellwhyte").uri(), &*format!("{ROOT}/People('russellwhyte')"));
    assert_eq!(service.get::<tp::Airport>("KSFO").uri(), &*format!("{ROOT}/Airports('KSFO')"));
    assert_eq!(
        service.get::<tp::AirlineRoute>(("AA", 1)).uri(),
        &*format!("{ROOT}/AirlineRoutes(AirlineCode='AA',RouteNumber=1)")
    );
    assert!(service.try_get::<tp::AirlineRoute>("AA").is_err(), "one value for a composite key");
    assert_eq!(service.get::<tp::Person>("o'neil").uri(), &*format!("{ROOT}/People('o''neil')"));
    let trip_path = service.entity::<tp::Person>("russellwhyte").navigate::<tp::Trip>("Trips").key(0);
    assert_eq!(service.get_at(&trip_path).uri(), &*format!("{ROOT}/People('russellwhyte')/Trips(0)"));

    // The create payload: the client-chosen key is sent, the computed Concurrency is not.
    let create = service.create(&russell);
    assert_eq!(create.uri(), &*format!("{ROOT}/People"));
    let mut expected = serde_json::from_str::<Value>(
        &std::fs::read_to_string(format!("{dir}/people-russellwhyte.json")).unwrap(),
    )
    .unwrap();
    let object = expected.as_object_mut().unwrap();
    object.retain(|name, _| !name.starts_with("@odata.") && name != "Concurrency");
    object.insert("@odata.type".into(), "#Microsoft.OData.SampleService.Models.TripPin.Person".into());
    let address = &mut object["AddressInfo"][0];
    address["@odata.type"] = "Microsoft.OData.SampleService.Models.TripPin.Location".into();
    address["City"]["@odata.type"] = "Microsoft.OData.SampleService.Models.TripPin.City".into();
    assert_eq!(body(&create), expected);

    // Bound functions and the action.
    let favorite = service.invoke("russellwhyte", &tp::operations::PersonGetFavoriteAirline);
    assert_eq!(favorite.method(), http::Method::GET);
    assert_eq!(favorite.uri(), &*format!("{ROOT}/People('russellwhyte')/GetFavoriteAirline()"));
    let friends_trips = tp::operations::PersonGetFriendsTrips { user_name: Some("scottketchum".into()) };
    assert_eq!(
        service.invoke("russellwhyte", &friends_trips).uri(),
        &*format!("{ROOT}/People('russellwhyte')/GetFriendsTrips(userName='scottketchum')")
    );
    let involved = service.invoke_at(&trip_path, &tp::operations::TripGetInvolvedPeople);
    assert_eq!(involved.uri(), &*format!("{ROOT}/People('russellwhyte')/Trips(0)/GetInvolvedPeople()"));
    let share = tp::operations::PersonShareTrip { user_name: Some("scottketchum".into()), trip_id: Some(0) };
    let share = service.invoke("russellwhyte", &share);
    assert_eq!(share.method(), http::Method::POST);
    assert_eq!(share.uri(), &*format!("{ROOT}/People('russellwhyte')/ShareTrip"));
    assert_eq!(body(&share), serde_json::json!({"userName": "scottketchum", "tripId": 0}));

    // The container's entry points: every set and singleton a path, `/Me` and `/People` to
    // the same type, navigation checked by the compiler from either.
    use tp::DefaultContainer as _;
    let from_set = service.people().key("russellwhyte").nav(tp::Person::fields().trips).key(0);
    assert_eq!(from_set, trip_path);
    let my_trips = service.me().nav(tp::Person::fields().trips);
    assert_eq!(service.list_at(&my_trips).uri(), &*format!("{ROOT}/Me/Trips"));
    assert_eq!(service.get_at(&service.me()).uri(), &*format!("{ROOT}/Me"));
    let favorite = service.invoke_at(&service.me(), &tp::operations::PersonGetFavoriteAirline);
    assert_eq!(favorite.uri(), &*format!("{ROOT}/Me/GetFavoriteAirline()"));
    assert_eq!(service.list_at(&service.airports()).uri(), &*format!("{ROOT}/Airports"));
    println!("trippin: ok");
}
"#####;

#[test]
fn the_trippin_service_reads_its_documented_answers_and_builds_its_requests() {
    let dir = scratch("trippin");
    let generated_dir = dir.join("trippin");
    let generated = Config::new()
        .metadata_file(data("trippin.xml"))
        .read_only_convention(odata_codegen::ReadOnlyConvention::Metadata)
        .odata_path(workspace_root())
        .crate_name("trippin")
        .generate_to_dir(&generated_dir)
        .unwrap();

    // PascalCase wire names come back through `rename`s on snake_case fields and variants.
    let module = generated.file("src/microsoft/o_data/sample_service/models/trip_pin/mod.rs").unwrap();
    let person = common::item(module, "pub struct Person {");
    assert!(
        person.contains("    #[odata(key, rename = \"UserName\")]\n    pub user_name: Option<String>,"),
        "{person}"
    );
    assert!(person.contains("    #[odata(read_only, rename = \"Concurrency\")]\n"), "{person}");
    let gender = common::item(module, "pub enum PersonGender {");
    assert!(gender.contains("    #[odata(rename = \"Male\")]\n    Male,"), "{gender}");

    let checker = dir.join("checker");
    // `http` for the requests' methods: the version odata uses, from the shared lock file.
    write_checker(&checker, "trippin", &generated_dir, "http = \"1\"\n", CHECKER);
    let output = cargo_run(&checker, &[data("trippin").to_str().unwrap()]);
    print!("{output}");
    assert!(output.contains("trippin: ok"), "{output}");
    std::fs::remove_dir_all(&dir).unwrap();
}
