//! Graph's device enrollment configurations, from the Graph beta docs
//! (`intune-onboarding-deviceenrollment*configuration`): the base type
//! `deviceEnrollmentConfiguration`, two derived types that reuse its properties through an
//! `#[odata(base)]` field, and the polymorphic enum that reads any of them from the entity set
//! they share. The base keeps undeclared properties and annotations, so every derived type
//! keeps them too.

use odata::{Annotations, DateTimeOffset, ODataComplex, ODataResource, RawObject};
use serde_json::{Map, Value};

/// `microsoft.graph.deviceEnrollmentConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.deviceEnrollmentConfiguration",
    collection = "/deviceManagement/deviceEnrollmentConfigurations"
)]
pub struct DeviceEnrollmentConfiguration {
    #[odata(key, read_only)]
    pub id: Option<String>,
    pub display_name: Option<String>,
    pub description: Option<String>,
    pub priority: Option<i32>,
    #[odata(read_only)]
    pub created_date_time: Option<DateTimeOffset>,
    #[odata(read_only)]
    pub last_modified_date_time: Option<DateTimeOffset>,
    pub version: Option<i32>,
    pub role_scope_tag_ids: Option<Vec<String>>,
    #[odata(annotations)]
    pub annotations: Annotations,
    #[odata(additional)]
    pub additional: Map<String, Value>,
}

/// `microsoft.graph.deviceEnrollmentLimitConfiguration`: how many devices a user may enroll.
#[derive(Debug, Clone, Default, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentLimitConfiguration")]
pub struct DeviceEnrollmentLimitConfiguration {
    #[odata(base)]
    pub base: DeviceEnrollmentConfiguration,
    pub limit: Option<i32>,
}

/// `microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration`.
#[derive(Debug, Clone, Default, PartialEq, ODataResource)]
#[odata(type = "microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration")]
pub struct DeviceEnrollmentPlatformRestrictionsConfiguration {
    #[odata(base)]
    pub base: DeviceEnrollmentConfiguration,
    pub ios_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    pub windows_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    pub windows_home_sku_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    pub windows_mobile_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    pub android_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    pub android_for_work_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    pub mac_restriction: Option<DeviceEnrollmentPlatformRestriction>,
    #[odata(rename = "macOSRestriction")]
    pub mac_os_restriction: Option<DeviceEnrollmentPlatformRestriction>,
}

/// `microsoft.graph.deviceEnrollmentPlatformRestriction`.
#[derive(Debug, Clone, Default, PartialEq, ODataComplex)]
#[odata(type = "microsoft.graph.deviceEnrollmentPlatformRestriction")]
pub struct DeviceEnrollmentPlatformRestriction {
    pub platform_blocked: Option<bool>,
    pub personal_device_enrollment_blocked: Option<bool>,
    pub os_minimum_version: Option<String>,
    pub os_maximum_version: Option<String>,
    pub blocked_manufacturers: Option<Vec<String>>,
    pub blocked_skus: Option<Vec<String>>,
}

/// Any device enrollment configuration, told apart by `@odata.type`; the types this crate does
/// not declare (Windows Hello for Business, Enrollment Status Page, ...) are kept whole.
/// Variants hold their values inline, as Graph's derived types differ in size by design.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.deviceEnrollmentConfiguration",
    collection = "/deviceManagement/deviceEnrollmentConfigurations"
)]
pub enum AnyDeviceEnrollmentConfiguration {
    Base(DeviceEnrollmentConfiguration),
    Limit(DeviceEnrollmentLimitConfiguration),
    PlatformRestrictions(DeviceEnrollmentPlatformRestrictionsConfiguration),
    #[odata(other)]
    Other(RawObject),
}

/// The same hierarchy without an `other` variant: an unknown type is an error.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq, ODataResource)]
#[odata(
    type = "microsoft.graph.deviceEnrollmentConfiguration",
    collection = "/deviceManagement/deviceEnrollmentConfigurations"
)]
pub enum KnownDeviceEnrollmentConfiguration {
    Base(DeviceEnrollmentConfiguration),
    Limit(DeviceEnrollmentLimitConfiguration),
    PlatformRestrictions(DeviceEnrollmentPlatformRestrictionsConfiguration),
}

/// The documented response of "Create deviceEnrollmentLimitConfiguration".
pub const LIMIT_RESPONSE: &str = r##"{
  "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
  "id": "4f8c4e4c-4e4c-4f8c-4c4e-8c4f4c4e8c4f",
  "displayName": "Display Name value",
  "description": "Description value",
  "priority": 8,
  "createdDateTime": "2017-01-01T00:02:43.5775965-08:00",
  "lastModifiedDateTime": "2017-01-01T00:00:35.1329464-08:00",
  "version": 7,
  "roleScopeTagIds": [
    "Role Scope Tag Ids value"
  ],
  "limit": 5
}"##;

/// A list of the entity set as Graph answers it: mixed derived types, one unknown to this
/// crate, annotations and a property the models do not declare.
pub const MIXED_LIST: &str = r##"{
  "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceManagement/deviceEnrollmentConfigurations",
  "value": [
    {
      "@odata.type": "#microsoft.graph.deviceEnrollmentLimitConfiguration",
      "@odata.etag": "W/\"1\"",
      "id": "limit-1",
      "displayName": "All users and all devices",
      "priority": 0,
      "createdDateTime": "2017-01-01T00:02:43.5775965-08:00",
      "version": 2,
      "limit": 15
    },
    {
      "@odata.type": "#microsoft.graph.deviceEnrollmentPlatformRestrictionsConfiguration",
      "id": "restrictions-1",
      "displayName": "Block personal iOS",
      "priority": 1,
      "iosRestriction": {
        "@odata.type": "microsoft.graph.deviceEnrollmentPlatformRestriction",
        "platformBlocked": false,
        "personalDeviceEnrollmentBlocked": true,
        "osMinimumVersion": "16.0",
        "blockedManufacturers": []
      },
      "deviceEnrollmentConfigurationType": "singlePlatformRestriction"
    },
    {
      "@odata.type": "#microsoft.graph.windowsRestoreDeviceEnrollmentConfiguration",
      "id": "restore-1",
      "displayName": "Windows restore",
      "priority": 2,
      "showRecoveryKey": true
    },
    {
      "@odata.type": "#microsoft.graph.deviceEnrollmentConfiguration",
      "id": "default",
      "displayName": "Default",
      "priority": 3
    }
  ]
}"##;
