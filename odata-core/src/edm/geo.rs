use core::fmt;

use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Number, Value};

use super::ParseEdmError;

const GEO_JSON: &str = "GeoJSON";

/// The GeoJSON `type` of a [`Geo`] value: which of OData's Geography and Geometry types it
/// is (`Edm.GeographyPoint` and `Edm.GeometryPoint` are both a `Point`).
///
/// ```
/// use odata::GeoKind;
///
/// assert_eq!(GeoKind::MultiPolygon.as_str(), "MultiPolygon");
/// assert_eq!(GeoKind::from_name("LineString"), Some(GeoKind::LineString));
/// assert_eq!(GeoKind::from_name("Circle"), None);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GeoKind {
    /// One position: `[lon, lat]`.
    Point,
    /// Two or more positions.
    LineString,
    /// Linear rings (four or more positions, the last equal to the first): the outer
    /// boundary, then the holes.
    Polygon,
    /// Positions.
    MultiPoint,
    /// Line strings' coordinates.
    MultiLineString,
    /// Polygons' coordinates.
    MultiPolygon,
    /// Other GeoJSON geometries, in `geometries` instead of `coordinates`.
    GeometryCollection,
}

impl GeoKind {
    /// Every kind, in the order the GeoJSON specification lists them.
    ///
    /// ```
    /// assert_eq!(odata::GeoKind::ALL.len(), 7);
    /// ```
    pub const ALL: [GeoKind; 7] = [
        GeoKind::Point,
        GeoKind::MultiPoint,
        GeoKind::LineString,
        GeoKind::MultiLineString,
        GeoKind::Polygon,
        GeoKind::MultiPolygon,
        GeoKind::GeometryCollection,
    ];

    /// The name GeoJSON's `type` member and OData's literals use.
    ///
    /// ```
    /// assert_eq!(odata::GeoKind::Point.as_str(), "Point");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            GeoKind::Point => "Point",
            GeoKind::LineString => "LineString",
            GeoKind::Polygon => "Polygon",
            GeoKind::MultiPoint => "MultiPoint",
            GeoKind::MultiLineString => "MultiLineString",
            GeoKind::MultiPolygon => "MultiPolygon",
            GeoKind::GeometryCollection => "GeometryCollection",
        }
    }

    /// The kind a GeoJSON `type` names (case-sensitive, as GeoJSON is), if any.
    ///
    /// ```
    /// assert_eq!(odata::GeoKind::from_name("point"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<GeoKind> {
        GeoKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }

    /// How deep `coordinates` nests positions: 0 is a position itself.
    fn depth(self) -> usize {
        match self {
            GeoKind::Point => 0,
            GeoKind::LineString | GeoKind::MultiPoint => 1,
            GeoKind::Polygon | GeoKind::MultiLineString => 2,
            GeoKind::MultiPolygon => 3,
            GeoKind::GeometryCollection => usize::MAX,
        }
    }
}

impl fmt::Display for GeoKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A value of one of OData's Geography or Geometry types, as the GeoJSON object that JSON
/// bodies carry: `{"type": "Point", "coordinates": [-122.1, 47.6]}`.
///
/// Checked on read: `type` must be one of the seven GeoJSON geometry types, `coordinates`
/// must nest positions (arrays of two or more numbers: longitude, latitude, then optional
/// altitude and measure) as deep as that type wants, a line string needs two positions and
/// a polygon's rings four, the last the same as the first; a `GeometryCollection`'s
/// `geometries` are checked the same way, and `crs` (OData's way to name a coordinate
/// system other than the default, `{"type": "name", "properties": {"name": "EPSG:4326"}}`)
/// must be an object. An empty `coordinates` array, GeoJSON's empty geometry, is accepted.
///
/// Every member is kept, `bbox` and foreign members included, and written back in the order
/// read, with `type` first. Objects inside members (the geometries of a collection, `crs`)
/// are written with their `type` first too, and their other members in name order. Coordinates are doubles, as the ABNF's `positionLiteral` says:
/// they keep their value, so `10.50` is written `10.5`.
///
/// ```
/// use odata::{Geo, GeoKind};
///
/// let sent = r#"{"type":"Point","coordinates":[-122.131577,47.678581],"crs":{"type":"name","properties":{"name":"EPSG:4326"}}}"#;
/// let location: Geo = serde_json::from_str(sent).unwrap();
/// assert_eq!(location.kind(), GeoKind::Point);
/// assert_eq!(location.as_point(), Some((-122.131577, 47.678581)));
/// assert_eq!(location.srid(), Some(4326));
/// assert_eq!(serde_json::to_string(&location).unwrap(), sent);
///
/// let error = serde_json::from_str::<Geo>(r#"{"type":"Point","coordinates":[1]}"#).unwrap_err();
/// assert!(error.to_string().contains("`coordinates`: a position must be an array of two or more numbers"));
/// ```
///
/// As a function parameter ([`ODataLiteral`](crate::ODataLiteral)) a value is written as
/// OData's `geography'SRID=4326;Point(-122.131577 47.678581)'`, with the SRID of `crs`
/// (4326 without one); [`geometry_literal`](Self::geometry_literal) writes the `geometry'...'`
/// form of `Edm.Geometry` parameters. Empty geometries and empty collections have no literal
/// in the ABNF; they are written as `Point()` and `GeometryCollection()`.
#[derive(Clone, PartialEq)]
pub struct Geo {
    kind: GeoKind,
    /// Every member but `type`, in the order read.
    members: Vec<(String, Value)>,
}

impl Geo {
    /// A checked GeoJSON geometry of this kind: `coordinates` for most kinds, `geometries`
    /// (an array of GeoJSON objects) for a [`GeoKind::GeometryCollection`].
    ///
    /// ```
    /// use odata::{Geo, GeoKind};
    /// use serde_json::json;
    ///
    /// let line = Geo::new(GeoKind::LineString, json!([[0, 0], [1, 1]])).unwrap();
    /// assert_eq!(serde_json::to_string(&line).unwrap(), r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#);
    ///
    /// let error = Geo::new(GeoKind::LineString, json!([[0, 0]])).unwrap_err();
    /// assert!(error.to_string().ends_with("`coordinates`: a line string needs two or more positions"));
    /// ```
    pub fn new(kind: GeoKind, coordinates: Value) -> Result<Self, ParseEdmError> {
        let member = if kind == GeoKind::GeometryCollection { "geometries" } else { "coordinates" };
        Geo::from_members(vec![("type".to_owned(), kind.as_str().into()), (member.to_owned(), coordinates)])
    }

    /// A point at this longitude and latitude; an error if either is not finite, which JSON
    /// cannot write.
    ///
    /// ```
    /// let point = odata::Geo::point(-122.1, 47.6).unwrap();
    /// assert_eq!(serde_json::to_string(&point).unwrap(), r#"{"type":"Point","coordinates":[-122.1,47.6]}"#);
    /// assert!(odata::Geo::point(f64::NAN, 0.0).is_err());
    /// ```
    pub fn point(longitude: f64, latitude: f64) -> Result<Self, ParseEdmError> {
        let number = |value: f64| {
            Number::from_f64(value).map(Value::Number).ok_or_else(|| {
                ParseEdmError::new(GEO_JSON, &format!("Point({longitude} {latitude})"), "not finite")
            })
        };
        Ok(Geo {
            kind: GeoKind::Point,
            members: vec![(
                "coordinates".to_owned(),
                Value::Array(vec![number(longitude)?, number(latitude)?]),
            )],
        })
    }

    /// A `GeometryCollection` of these values.
    ///
    /// ```
    /// use odata::{Geo, ODataLiteral};
    ///
    /// let both = Geo::collection([Geo::point(1.0, 2.0).unwrap(), Geo::point(3.0, 4.0).unwrap()]);
    /// assert_eq!(both.to_literal(), "geography'SRID=4326;GeometryCollection(Point(1.0 2.0),Point(3.0 4.0))'");
    /// ```
    pub fn collection(geometries: impl IntoIterator<Item = Geo>) -> Self {
        let geometries = geometries.into_iter().map(Geo::into_value).collect();
        Geo {
            kind: GeoKind::GeometryCollection,
            members: vec![("geometries".to_owned(), Value::Array(geometries))],
        }
    }

    /// The same value with a `crs` naming this EPSG coordinate system, as OData writes it:
    /// `{"type": "name", "properties": {"name": "EPSG:4326"}}`.
    ///
    /// ```
    /// let point = odata::Geo::point(1.0, 2.0).unwrap().with_srid(3857);
    /// assert_eq!(point.srid(), Some(3857));
    /// assert_eq!(point.crs().unwrap()["properties"]["name"], "EPSG:3857");
    /// ```
    pub fn with_srid(mut self, srid: u32) -> Self {
        let crs = serde_json::json!({"type": "name", "properties": {"name": format!("EPSG:{srid}")}});
        match self.members.iter_mut().find(|(name, _)| name == "crs") {
            Some((_, value)) => *value = crs,
            None => self.members.push(("crs".to_owned(), crs)),
        }
        self
    }

    /// The GeoJSON `type`.
    ///
    /// ```
    /// let point = odata::Geo::point(1.0, 2.0).unwrap();
    /// assert_eq!(point.kind(), odata::GeoKind::Point);
    /// ```
    pub fn kind(&self) -> GeoKind {
        self.kind
    }

    /// A member other than `type`, such as `coordinates`, `bbox` or a foreign member.
    ///
    /// ```
    /// let point: odata::Geo = serde_json::from_str(r#"{"type":"Point","coordinates":[1,2],"bbox":[1,2,1,2]}"#).unwrap();
    /// assert_eq!(point.get("bbox").unwrap()[2], 1);
    /// assert!(point.get("type").is_none());
    /// ```
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.iter().find(|(member, _)| member == name).map(|(_, value)| value)
    }

    /// The `coordinates` member; `None` for a `GeometryCollection`.
    ///
    /// ```
    /// let point = odata::Geo::point(1.5, 2.0).unwrap();
    /// assert_eq!(point.coordinates().unwrap()[0], 1.5);
    /// ```
    pub fn coordinates(&self) -> Option<&Value> {
        self.get("coordinates")
    }

    /// The longitude and latitude of a `Point` that is not empty; `None` for other kinds.
    ///
    /// ```
    /// let point: odata::Geo = serde_json::from_str(r#"{"type":"Point","coordinates":[1,2,30]}"#).unwrap();
    /// assert_eq!(point.as_point(), Some((1.0, 2.0)));
    /// ```
    pub fn as_point(&self) -> Option<(f64, f64)> {
        if self.kind != GeoKind::Point {
            return None;
        }
        let position = self.coordinates()?.as_array()?;
        Some((position.first()?.as_f64()?, position.get(1)?.as_f64()?))
    }

    /// The members of a `GeometryCollection`, each checked on read; `None` for other kinds.
    ///
    /// ```
    /// let both = odata::Geo::collection([odata::Geo::point(1.0, 2.0).unwrap()]);
    /// assert_eq!(both.geometries().unwrap()[0].as_point(), Some((1.0, 2.0)));
    /// ```
    pub fn geometries(&self) -> Option<Vec<Geo>> {
        if self.kind != GeoKind::GeometryCollection {
            return None;
        }
        let geometries = self.get("geometries")?.as_array()?;
        geometries.iter().map(|geometry| Geo::try_from(geometry.clone()).ok()).collect()
    }

    /// The `crs` member, if the value names its coordinate reference system.
    ///
    /// ```
    /// assert!(odata::Geo::point(1.0, 2.0).unwrap().crs().is_none());
    /// ```
    pub fn crs(&self) -> Option<&Value> {
        self.get("crs")
    }

    /// The EPSG code that a named `crs` gives (`EPSG:4326`, or the URN
    /// `urn:ogc:def:crs:EPSG::4326`); `None` without one.
    ///
    /// ```
    /// let point = odata::Geo::point(1.0, 2.0).unwrap().with_srid(4326);
    /// assert_eq!(point.srid(), Some(4326));
    /// ```
    pub fn srid(&self) -> Option<u32> {
        let name = self.crs()?.get("properties")?.get("name")?.as_str()?;
        if !name.contains("EPSG") {
            return None;
        }
        name.rsplit(':').next()?.parse().ok()
    }

    /// The GeoJSON object as a JSON value.
    ///
    /// ```
    /// let value = odata::Geo::point(1.0, 2.0).unwrap().into_value();
    /// assert_eq!(value["type"], "Point");
    /// ```
    pub fn into_value(self) -> Value {
        let mut object = Map::new();
        object.insert("type".to_owned(), self.kind.as_str().into());
        object.extend(self.members);
        Value::Object(object)
    }

    /// The `geometry'SRID=0;...'` literal of an `Edm.Geometry` function parameter, with the
    /// SRID of `crs` (0 without one); [`ODataLiteral`](crate::ODataLiteral) writes the
    /// `geography'...'` form.
    ///
    /// ```
    /// let point = odata::Geo::point(1.0, 2.5).unwrap();
    /// assert_eq!(point.geometry_literal(), "geometry'SRID=0;Point(1.0 2.5)'");
    /// ```
    pub fn geometry_literal(&self) -> String {
        let mut literal = String::new();
        self.write_prefixed_literal("geometry", 0, &mut literal);
        literal
    }

    /// Writes `prefix'SRID=n;WellKnownText'`.
    pub(crate) fn write_prefixed_literal(&self, prefix: &str, default_srid: u32, literal: &mut String) {
        use fmt::Write as _;
        // Writing into a String cannot fail.
        let _ = write!(literal, "{prefix}'SRID={};", self.srid().unwrap_or(default_srid));
        let coordinates = self.coordinates().or_else(|| self.get("geometries"));
        write_well_known_text(self.kind, coordinates, literal);
        literal.push('\'');
    }

    /// Checks the members of a GeoJSON object and keeps them.
    fn from_members(mut members: Vec<(String, Value)>) -> Result<Self, ParseEdmError> {
        let error = |members: &[(String, Value)], reason: String| {
            let object: Map<String, Value> = members.iter().cloned().collect();
            ParseEdmError::new(GEO_JSON, &Value::Object(object).to_string(), reason)
        };
        let Some(type_index) = members.iter().position(|(name, _)| name == "type") else {
            return Err(error(&members, "missing `type`".to_owned()));
        };
        let kind = check_kind(&members[type_index].1).map_err(|reason| error(&members, reason))?;
        let member = |name: &str| members.iter().find(|(member, _)| member == name).map(|(_, value)| value);
        check_members(kind, &member).map_err(|reason| error(&members, reason))?;
        members.remove(type_index);
        Ok(Geo { kind, members })
    }
}

fn check_kind(kind: &Value) -> Result<GeoKind, String> {
    let Value::String(name) = kind else {
        return Err(format!("`type` must be a string, found {kind}"));
    };
    GeoKind::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = GeoKind::ALL.iter().map(|kind| kind.as_str()).collect();
        format!("unknown type `{name}`; expected one of {}", known.join(", "))
    })
}

/// Checks the members a kind needs, found by `member`; the error names the member and what
/// was wrong.
fn check_members<'a>(kind: GeoKind, member: &dyn Fn(&str) -> Option<&'a Value>) -> Result<(), String> {
    if let Some(crs) = member("crs") {
        if !crs.is_object() && !crs.is_null() {
            return Err(format!("`crs` must be an object, found {crs}"));
        }
    }
    if kind == GeoKind::GeometryCollection {
        let Some(geometries) = member("geometries") else {
            return Err("missing `geometries`".to_owned());
        };
        let Value::Array(geometries) = geometries else {
            return Err("`geometries` must be an array".to_owned());
        };
        for (index, geometry) in geometries.iter().enumerate() {
            let Value::Object(object) = geometry else {
                return Err(format!("`geometries[{index}]` must be a GeoJSON object"));
            };
            let Some(kind) = object.get("type") else {
                return Err(format!("`geometries[{index}]`: missing `type`"));
            };
            let kind = check_kind(kind).map_err(|reason| format!("`geometries[{index}]`: {reason}"))?;
            check_members(kind, &|name| object.get(name))
                .map_err(|reason| format!("`geometries[{index}]`: {reason}"))?;
        }
        return Ok(());
    }
    let Some(coordinates) = member("coordinates") else {
        return Err("missing `coordinates`".to_owned());
    };
    if coordinates.as_array().is_some_and(Vec::is_empty) {
        // GeoJSON's empty geometry.
        return Ok(());
    }
    check_coordinates(kind, coordinates, &mut "coordinates".to_owned())
}

fn check_coordinates(kind: GeoKind, coordinates: &Value, path: &mut String) -> Result<(), String> {
    let depth = kind.depth();
    check_nesting(coordinates, depth, path)?;
    // Nesting is right; now the counts that some kinds need. A path is only formatted for
    // the error.
    let line = |positions: &Value, at: &dyn Fn() -> String| {
        if array(positions).len() < 2 {
            return Err(format!("`{}`: a line string needs two or more positions", at()));
        }
        Ok(())
    };
    let ring = |positions: &Value, at: &dyn Fn() -> String| {
        let positions = array(positions);
        if positions.len() < 4 {
            return Err(format!("`{}`: a polygon's ring needs four or more positions", at()));
        }
        if positions.first() != positions.last() {
            return Err(format!("`{}`: a polygon's ring must end with the position it starts with", at()));
        }
        Ok(())
    };
    let mut elements = array(coordinates).iter().enumerate();
    match kind {
        GeoKind::LineString => line(coordinates, &|| path.clone()),
        GeoKind::MultiLineString => elements
            .into_iter()
            .try_for_each(|(index, positions)| line(positions, &|| format!("{path}[{index}]"))),
        GeoKind::Polygon => elements
            .into_iter()
            .try_for_each(|(index, positions)| ring(positions, &|| format!("{path}[{index}]"))),
        GeoKind::MultiPolygon => elements.try_for_each(|(polygon, rings)| {
            array(rings)
                .iter()
                .enumerate()
                .try_for_each(|(index, positions)| ring(positions, &|| format!("{path}[{polygon}][{index}]")))
        }),
        _ => Ok(()),
    }
}

/// The array that [`check_nesting`] has found `value` to be.
fn array(value: &Value) -> &Vec<Value> {
    static EMPTY: Vec<Value> = Vec::new();
    value.as_array().unwrap_or(&EMPTY)
}

fn check_nesting(value: &Value, depth: usize, path: &mut String) -> Result<(), String> {
    if depth == 0 {
        return match value.as_array() {
            Some(numbers) if numbers.len() >= 2 && numbers.iter().all(Value::is_number) => Ok(()),
            _ => Err(format!("`{path}`: a position must be an array of two or more numbers, found {value}")),
        };
    }
    let Some(elements) = value.as_array() else {
        return Err(format!("`{path}`: expected an array, found {value}"));
    };
    for (index, element) in elements.iter().enumerate() {
        let length = path.len();
        use fmt::Write as _;
        let _ = write!(path, "[{index}]");
        check_nesting(element, depth - 1, path)?;
        path.truncate(length);
    }
    Ok(())
}

/// Writes the ABNF's `pointLiteral`, `lineStringLiteral`, ... (the well-known text) of
/// checked coordinates.
fn write_well_known_text(kind: GeoKind, coordinates: Option<&Value>, literal: &mut String) {
    literal.push_str(kind.as_str());
    let elements = coordinates.map(array).map(Vec::as_slice).unwrap_or_default();
    match kind {
        GeoKind::Point => write_parenthesized(
            coordinates.map(core::slice::from_ref).unwrap_or_default(),
            literal,
            write_position,
        ),
        GeoKind::LineString => write_parenthesized(elements, literal, write_position),
        GeoKind::Polygon => write_parenthesized(elements, literal, write_ring),
        GeoKind::MultiPoint => write_parenthesized(elements, literal, |point, literal| {
            write_parenthesized(core::slice::from_ref(point), literal, write_position)
        }),
        GeoKind::MultiLineString => write_parenthesized(elements, literal, write_ring),
        GeoKind::MultiPolygon => write_parenthesized(elements, literal, |polygon, literal| {
            write_parenthesized(array(polygon), literal, write_ring)
        }),
        GeoKind::GeometryCollection => write_parenthesized(elements, literal, |geometry, literal| {
            if let Some(kind) = geometry.get("type").and_then(Value::as_str).and_then(GeoKind::from_name) {
                let inner = geometry.get("coordinates").or_else(|| geometry.get("geometries"));
                write_well_known_text(kind, inner, literal);
            }
        }),
    }
}

fn write_parenthesized(elements: &[Value], literal: &mut String, write: impl Fn(&Value, &mut String)) {
    literal.push('(');
    for (index, element) in elements.iter().enumerate() {
        if index > 0 {
            literal.push(',');
        }
        write(element, literal);
    }
    literal.push(')');
}

/// A ring or a line string: positions in parentheses.
fn write_ring(positions: &Value, literal: &mut String) {
    write_parenthesized(array(positions), literal, write_position);
}

/// `lon lat [alt [measure]]`, separated by spaces.
fn write_position(position: &Value, literal: &mut String) {
    use fmt::Write as _;
    for (index, number) in array(position).iter().enumerate() {
        if index > 0 {
            literal.push(' ');
        }
        let _ = match number.as_f64() {
            // Floats as `1.0`, the form of the other float literals.
            Some(float) if number.is_f64() => write!(literal, "{float:?}"),
            _ => write!(literal, "{number}"),
        };
    }
}

impl TryFrom<Value> for Geo {
    type Error = ParseEdmError;

    /// Checks a GeoJSON object.
    fn try_from(value: Value) -> Result<Self, ParseEdmError> {
        match value {
            Value::Object(object) => Geo::from_members(object.into_iter().collect()),
            other => Err(ParseEdmError::new(GEO_JSON, &other.to_string(), "not a JSON object")),
        }
    }
}

impl From<Geo> for Value {
    fn from(geo: Geo) -> Self {
        geo.into_value()
    }
}

/// `Geo(` and the GeoJSON text `)`.
impl fmt::Debug for Geo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Writing a checked value of JSON members cannot fail.
        let json = serde_json::to_string(self).unwrap_or_default();
        write!(f, "Geo({json})")
    }
}

impl Serialize for Geo {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members.len() + 1))?;
        map.serialize_entry("type", self.kind.as_str())?;
        for (name, value) in &self.members {
            map.serialize_entry(name, &TypeFirst(value))?;
        }
        map.end()
    }
}

/// A member's value written with the `type` of every object in it first, as GeoJSON and
/// OData write the objects of a collection's `geometries` and of `crs`. The other members of
/// such objects come in name order, which is how a `Value` holds them.
struct TypeFirst<'a>(&'a Value);

impl Serialize for TypeFirst<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Value::Array(elements) => serializer.collect_seq(elements.iter().map(TypeFirst)),
            Value::Object(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                if let Some(kind) = members.get("type") {
                    map.serialize_entry("type", &TypeFirst(kind))?;
                }
                for (name, value) in members.iter().filter(|(name, _)| *name != "type") {
                    map.serialize_entry(name, &TypeFirst(value))?;
                }
                map.end()
            }
            other => other.serialize(serializer),
        }
    }
}

impl<'de> Deserialize<'de> for Geo {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct GeoVisitor;

        impl<'de> Visitor<'de> for GeoVisitor {
            type Value = Geo;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a GeoJSON object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Geo, A::Error> {
                let mut members: Vec<(String, Value)> = Vec::with_capacity(map.size_hint().unwrap_or(2));
                while let Some((name, value)) = map.next_entry::<String, Value>()? {
                    if members.iter().any(|(member, _)| *member == name) {
                        return Err(de::Error::custom(format_args!(
                            "invalid GeoJSON: member `{name}` appears twice"
                        )));
                    }
                    members.push((name, value));
                }
                Geo::from_members(members).map_err(de::Error::custom)
            }
        }

        deserializer.deserialize_map(GeoVisitor)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::{Geo, GeoKind};
    use crate::ODataLiteral;

    #[test]
    fn every_kind_round_trips_with_type_first_and_members_in_order() {
        for json in [
            r#"{"type":"Point","coordinates":[1.5,-2,30]}"#,
            r#"{"coordinates":[[0,0],[1,1]],"type":"LineString"}"#,
            r#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]],"bbox":[0,0,1,1]}"#,
            r#"{"type":"MultiPoint","coordinates":[[0,0],[1,1]]}"#,
            r#"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#,
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]]]}"#,
            r#"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]}],"x":true}"#,
            r#"{"type":"MultiPoint","coordinates":[]}"#,
            r#"{"type":"Point","coordinates":[1,2],"crs":null}"#,
        ] {
            let geo: Geo = serde_json::from_str(json).unwrap();
            let written = serde_json::to_string(&geo).unwrap();
            let expected = json.replace(
                r#"{"coordinates":[[0,0],[1,1]],"type":"LineString"}"#,
                r#"{"type":"LineString","coordinates":[[0,0],[1,1]]}"#,
            );
            assert_eq!(written, expected);
        }
    }

    #[test]
    fn nested_objects_are_written_type_first_then_in_name_order() {
        let sent = r#"{"type":"GeometryCollection","crs":{"properties":{"name":"EPSG:4326"},"type":"name"},"geometries":[{"coordinates":[1,2],"type":"Point"},{"geometries":[{"coordinates":[1,2],"type":"Point","bbox":[1,2,1,2]}],"type":"GeometryCollection"}]}"#;
        let geo: Geo = serde_json::from_str(sent).unwrap();
        assert_eq!(
            serde_json::to_string(&geo).unwrap(),
            r#"{"type":"GeometryCollection","crs":{"type":"name","properties":{"name":"EPSG:4326"}},"geometries":[{"type":"Point","coordinates":[1,2]},{"type":"GeometryCollection","geometries":[{"type":"Point","bbox":[1,2,1,2],"coordinates":[1,2]}]}]}"#
        );
    }

    #[test]
    fn wrong_shapes_and_unknown_types_are_errors_that_say_what_was_wrong() {
        for (json, reason) in [
            (json!({"coordinates": [1, 2]}), "missing `type`"),
            (json!({"type": "Circle", "coordinates": [1, 2]}), "unknown type `Circle`; expected one of Point, MultiPoint, LineString, MultiLineString, Polygon, MultiPolygon, GeometryCollection"),
            (json!({"type": 3}), "`type` must be a string, found 3"),
            (json!({"type": "Point"}), "missing `coordinates`"),
            (json!({"type": "Point", "coordinates": [1]}), "`coordinates`: a position must be an array of two or more numbers, found [1]"),
            (json!({"type": "Point", "coordinates": [1, "2"]}), "a position must be an array of two or more numbers"),
            (json!({"type": "Point", "coordinates": 1}), "`coordinates`: a position must be an array"),
            (json!({"type": "MultiPoint", "coordinates": [[1, 2], 3]}), "`coordinates[1]`: a position must be an array of two or more numbers, found 3"),
            (json!({"type": "LineString", "coordinates": [1, 2]}), "`coordinates[0]`: a position must be an array"),
            (json!({"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[0, 0]]]}), "`coordinates[1]`: a line string needs two or more positions"),
            (json!({"type": "LineString", "coordinates": [[0, 0]]}), "`coordinates`: a line string needs two or more positions"),
            (json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [0, 0]]]}), "`coordinates[0]`: a polygon's ring needs four or more positions"),
            (json!({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[0, 0], [1, 0], [1, 1], [0, 0]], [[0, 0], [1, 0], [1, 1], [0, 1]]]]}), "`coordinates[1][1]`: a polygon's ring must end with the position it starts with"),
            (json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1]]]}), "`coordinates[0]`: a polygon's ring must end with the position it starts with"),
            (json!({"type": "MultiPolygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}), "`coordinates[0][0][0]`: a position must be an array"),
            (json!({"type": "GeometryCollection"}), "missing `geometries`"),
            (json!({"type": "GeometryCollection", "geometries": {}}), "`geometries` must be an array"),
            (json!({"type": "GeometryCollection", "geometries": [1]}), "`geometries[0]` must be a GeoJSON object"),
            (json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [[1, 2]]}]}), "`geometries[0]`: `coordinates`: a position must be"),
            (json!({"type": "Point", "coordinates": [1, 2], "crs": "EPSG:4326"}), "`crs` must be an object, found \"EPSG:4326\""),
            (json!([1, 2]), "not a JSON object"),
        ] {
            let error = Geo::try_from(json.clone()).unwrap_err();
            assert_eq!(error.edm_type(), "GeoJSON");
            assert!(error.to_string().contains(reason), "{json}: {error}");
            let error = serde_json::from_value::<Geo>(json).unwrap_err().to_string();
            assert!(error.contains(reason) || error.contains("expected a GeoJSON object"), "{error}");
        }
        let error = serde_json::from_str::<Geo>(r#"{"type":"Point","type":"Point","coordinates":[1,2]}"#)
            .unwrap_err();
        assert!(error.to_string().contains("invalid GeoJSON: member `type` appears twice"), "{error}");
    }

    #[test]
    fn literals_follow_the_abnf() {
        for (json, literal) in [
            (json!({"type": "Point", "coordinates": [-122.5, 47]}), "geography'SRID=4326;Point(-122.5 47)'"),
            (json!({"type": "Point", "coordinates": [1, 2, 3, 4]}), "geography'SRID=4326;Point(1 2 3 4)'"),
            (
                json!({"type": "LineString", "coordinates": [[0, 0], [1, 1.5]]}),
                "geography'SRID=4326;LineString(0 0,1 1.5)'",
            ),
            (
                json!({"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]], "crs": {"type": "name", "properties": {"name": "EPSG:4269"}}}),
                "geography'SRID=4269;Polygon((0 0,1 0,1 1,0 0))'",
            ),
            (
                json!({"type": "MultiPoint", "coordinates": [[0, 0], [1, 1]]}),
                "geography'SRID=4326;MultiPoint((0 0),(1 1))'",
            ),
            (
                json!({"type": "MultiLineString", "coordinates": [[[0, 0], [1, 1]], [[2, 2], [3, 3]]]}),
                "geography'SRID=4326;MultiLineString((0 0,1 1),(2 2,3 3))'",
            ),
            (
                json!({"type": "MultiPolygon", "coordinates": [[[[0, 0], [1, 0], [1, 1], [0, 0]]], [[[5, 5], [6, 5], [6, 6], [5, 5]]]]}),
                "geography'SRID=4326;MultiPolygon(((0 0,1 0,1 1,0 0)),((5 5,6 5,6 6,5 5)))'",
            ),
            (
                json!({"type": "GeometryCollection", "geometries": [{"type": "Point", "coordinates": [1, 2]}, {"type": "GeometryCollection", "geometries": [{"type": "LineString", "coordinates": [[0, 0], [1, 1]]}]}]}),
                "geography'SRID=4326;GeometryCollection(Point(1 2),GeometryCollection(LineString(0 0,1 1)))'",
            ),
            (json!({"type": "Point", "coordinates": []}), "geography'SRID=4326;Point()'"),
        ] {
            assert_eq!(Geo::try_from(json).unwrap().to_literal(), literal);
        }
        let urn = Geo::try_from(json!({"type": "Point", "coordinates": [1, 2], "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}})).unwrap();
        assert_eq!(urn.geometry_literal(), "geometry'SRID=3857;Point(1 2)'");
        assert_eq!(Geo::point(1.0, 2.0).unwrap().geometry_literal(), "geometry'SRID=0;Point(1.0 2.0)'");
    }

    #[test]
    fn accessors_and_constructors() {
        let line = Geo::new(GeoKind::LineString, json!([[0, 0], [1, 1]])).unwrap();
        assert_eq!(line.kind(), GeoKind::LineString);
        assert_eq!(line.as_point(), None);
        assert_eq!(line.geometries(), None);
        assert_eq!(line.srid(), None);
        let named = Geo::point(1.0, 2.0).unwrap().with_srid(4326).with_srid(3857);
        assert_eq!(
            serde_json::to_string(&named).unwrap(),
            r#"{"type":"Point","coordinates":[1.0,2.0],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}}"#
        );
        let other_crs = Geo::try_from(json!({"type": "Point", "coordinates": [1, 2], "crs": {"type": "link", "properties": {"href": "x"}}})).unwrap();
        assert_eq!(other_crs.srid(), None);
        assert!(Geo::point(0.0, f64::INFINITY).unwrap_err().to_string().contains("not finite"));
        let collection =
            Geo::new(GeoKind::GeometryCollection, json!([{"type": "Point", "coordinates": [3, 4]}])).unwrap();
        assert_eq!(collection.geometries().unwrap()[0].as_point(), Some((3.0, 4.0)));
        assert_eq!(collection.coordinates(), None);
        assert_eq!(
            format!("{collection:?}"),
            r#"Geo({"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[3,4]}]})"#
        );
        for kind in GeoKind::ALL {
            assert_eq!(GeoKind::from_name(kind.as_str()), Some(kind));
            assert_eq!(kind.to_string(), kind.as_str());
        }
    }
}
