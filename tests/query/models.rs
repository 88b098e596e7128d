//! Test models for the query builder, with their property handles written by hand exactly as
//! `NOTES-query.md` specifies the derive will generate them.
#![allow(dead_code)]

use core::ops::Deref;

use odata::query::{DerivedFrom, ODataFields, Prop, PropPath};
use odata::{Binary, Date, DateTimeOffset, Duration, Guid, Int64, ODataComplex, ODataResource, TimeOfDay};

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.user", collection = "/users")]
pub struct User {
    #[odata(key)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub age: Option<i32>,
    pub employee_number: Option<Int64>,
    pub score: Option<f64>,
    pub account_enabled: Option<bool>,
    pub created_date_time: Option<DateTimeOffset>,
    pub birthday: Option<Date>,
    pub wake_up_time: Option<TimeOfDay>,
    pub working_time: Option<Duration>,
    pub object_guid: Option<Guid>,
    pub thumbnail: Option<Binary>,
    /// An enumeration value (flags), held as its member names as Graph models do.
    pub user_roles: Option<String>,
    pub business_phones: Option<Vec<String>>,
    pub address: Option<Address>,
    pub assigned_licenses: Option<Vec<AssignedLicense>>,
    pub manager: Option<Box<User>>,
    pub direct_reports: Option<Vec<User>>,
}

#[derive(Debug, ODataComplex)]
#[odata(type = "microsoft.graph.physicalAddress")]
pub struct Address {
    pub city: Option<String>,
    pub postal_code: Option<String>,
    pub geo: Option<GeoCoordinates>,
}

#[derive(Debug, ODataComplex)]
#[odata(type = "microsoft.graph.geoCoordinates")]
pub struct GeoCoordinates {
    pub latitude: Option<f64>,
}

#[derive(Debug, ODataComplex)]
#[odata(type = "microsoft.graph.assignedLicense")]
pub struct AssignedLicense {
    pub sku_id: Option<Guid>,
    pub disabled_plans: Option<Vec<Guid>>,
}

#[derive(Debug, ODataResource)]
#[odata(type = "microsoft.graph.employee")]
pub struct Employee {
    #[odata(base)]
    pub base: User,
    pub employee_id: Option<String>,
    pub mentor: Option<Box<User>>,
}

// ---- What the derive generates (hand-written here) ----

pub struct UserFields<O> {
    pub id: Prop<O, String>,
    pub display_name: Prop<O, String>,
    pub age: Prop<O, i32>,
    pub employee_number: Prop<O, Int64>,
    pub score: Prop<O, f64>,
    pub account_enabled: Prop<O, bool>,
    pub created_date_time: Prop<O, DateTimeOffset>,
    pub birthday: Prop<O, Date>,
    pub wake_up_time: Prop<O, TimeOfDay>,
    pub working_time: Prop<O, Duration>,
    pub object_guid: Prop<O, Guid>,
    pub thumbnail: Prop<O, Binary>,
    pub user_roles: Prop<O, String>,
    pub business_phones: Prop<O, Vec<String>>,
    pub address: Prop<O, Address>,
    pub assigned_licenses: Prop<O, Vec<AssignedLicense>>,
    pub manager: Prop<O, User>,
    pub direct_reports: Prop<O, Vec<User>>,
}

impl ODataFields for User {
    type Fields<O> = UserFields<O>;

    fn fields_at<O>(prefix: PropPath) -> UserFields<O> {
        UserFields {
            id: Prop::at(prefix, "id"),
            display_name: Prop::at(prefix, "displayName"),
            age: Prop::at(prefix, "age"),
            employee_number: Prop::at(prefix, "employeeNumber"),
            score: Prop::at(prefix, "score"),
            account_enabled: Prop::at(prefix, "accountEnabled"),
            created_date_time: Prop::at(prefix, "createdDateTime"),
            birthday: Prop::at(prefix, "birthday"),
            wake_up_time: Prop::at(prefix, "wakeUpTime"),
            working_time: Prop::at(prefix, "workingTime"),
            object_guid: Prop::at(prefix, "objectGuid"),
            thumbnail: Prop::at(prefix, "thumbnail"),
            user_roles: Prop::at(prefix, "userRoles"),
            business_phones: Prop::at(prefix, "businessPhones"),
            address: Prop::at(prefix, "address"),
            assigned_licenses: Prop::at(prefix, "assignedLicenses"),
            manager: Prop::at(prefix, "manager"),
            direct_reports: Prop::at(prefix, "directReports"),
        }
    }
}

impl User {
    pub fn fields() -> UserFields<User> {
        odata::query::fields::<User>()
    }
}

pub struct AddressFields<O> {
    pub city: Prop<O, String>,
    pub postal_code: Prop<O, String>,
    pub geo: Prop<O, GeoCoordinates>,
}

impl ODataFields for Address {
    type Fields<O> = AddressFields<O>;

    fn fields_at<O>(prefix: PropPath) -> AddressFields<O> {
        AddressFields {
            city: Prop::at(prefix, "city"),
            postal_code: Prop::at(prefix, "postalCode"),
            geo: Prop::at(prefix, "geo"),
        }
    }
}

pub struct GeoCoordinatesFields<O> {
    pub latitude: Prop<O, f64>,
}

impl ODataFields for GeoCoordinates {
    type Fields<O> = GeoCoordinatesFields<O>;

    fn fields_at<O>(prefix: PropPath) -> GeoCoordinatesFields<O> {
        GeoCoordinatesFields { latitude: Prop::at(prefix, "latitude") }
    }
}

pub struct AssignedLicenseFields<O> {
    pub sku_id: Prop<O, Guid>,
    pub disabled_plans: Prop<O, Vec<Guid>>,
}

impl ODataFields for AssignedLicense {
    type Fields<O> = AssignedLicenseFields<O>;

    fn fields_at<O>(prefix: PropPath) -> AssignedLicenseFields<O> {
        AssignedLicenseFields {
            sku_id: Prop::at(prefix, "skuId"),
            disabled_plans: Prop::at(prefix, "disabledPlans"),
        }
    }
}

pub struct EmployeeFields<O> {
    /// The base's handles, reached through `Deref`: `Employee::fields().display_name`.
    pub base: UserFields<O>,
    pub employee_id: Prop<O, String>,
    pub mentor: Prop<O, User>,
}

impl<O> Deref for EmployeeFields<O> {
    type Target = UserFields<O>;

    fn deref(&self) -> &UserFields<O> {
        &self.base
    }
}

impl ODataFields for Employee {
    type Fields<O> = EmployeeFields<O>;

    fn fields_at<O>(prefix: PropPath) -> EmployeeFields<O> {
        EmployeeFields {
            base: User::fields_at(prefix),
            employee_id: Prop::at(prefix, "employeeId"),
            mentor: Prop::at(prefix, "mentor"),
        }
    }
}

impl DerivedFrom<User> for Employee {}

impl Employee {
    pub fn fields() -> EmployeeFields<Employee> {
        odata::query::fields::<Employee>()
    }
}
