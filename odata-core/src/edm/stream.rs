use core::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;

use super::{Binary, ParseEdmError};

/// Edm.Stream: the value of a stream property, in the rare response that inlines it.
///
/// Most responses leave a stream property out and describe it with annotations
/// (`photo@odata.mediaReadLink`, `...@odata.mediaContentType`), which an
/// `#[odata(annotations)]` field keeps; the media itself is fetched separately, from its
/// read link or `.../{property}/$value`. When a service does inline a stream, it sends a
/// JSON value, usually a base64 string: `Stream` keeps whatever value it is and writes it
/// back unchanged, and [`to_binary`](Self::to_binary) decodes a base64 one.
///
/// A stream property is never part of a create or PATCH body (media is uploaded with its
/// own `PUT`): declare it `#[odata(read_only)]`, as generated code does. `null` or absent
/// reads as `None` of an `Option<Stream>` field, which is what a stream property should be.
///
/// ```
/// use odata::{ODataResource, Stream};
///
/// #[derive(Debug, ODataResource)]
/// #[odata(type = "microsoft.graph.profilePhoto", collection = "/me/photos")]
/// pub struct ProfilePhoto {
///     #[odata(key, read_only)]
///     pub id: Option<String>,
///     #[odata(read_only)]
///     pub content: Option<Stream>,
/// }
///
/// let photo: ProfilePhoto = serde_json::from_str(r#"{"id": "48x48", "content": "iVBORw0="}"#).unwrap();
/// let content = photo.content.as_ref().unwrap();
/// assert_eq!(content.to_binary().unwrap().as_bytes(), b"\x89PNG\r");
/// assert_eq!(serde_json::to_string(&photo).unwrap(), r##"{"@odata.type":"#microsoft.graph.profilePhoto","id":"48x48","content":"iVBORw0="}"##);
/// assert_eq!(serde_json::to_string(&photo.create_payload()).unwrap(), r##"{"@odata.type":"#microsoft.graph.profilePhoto"}"##);
/// ```
#[derive(Clone, PartialEq)]
pub struct Stream(Value);

impl Stream {
    /// A stream value holding this JSON value.
    ///
    /// ```
    /// let stream = odata::Stream::new("aGk=".into());
    /// assert_eq!(stream.as_value(), "aGk=");
    /// ```
    pub fn new(value: Value) -> Self {
        Stream(value)
    }

    /// The JSON value the service sent.
    ///
    /// ```
    /// let stream: odata::Stream = serde_json::from_str(r#"{"url": "x"}"#).unwrap();
    /// assert_eq!(stream.as_value()["url"], "x");
    /// ```
    pub fn as_value(&self) -> &Value {
        &self.0
    }

    /// The JSON value, by value.
    ///
    /// ```
    /// let stream: odata::Stream = serde_json::from_str("[1]").unwrap();
    /// assert_eq!(stream.into_value(), serde_json::json!([1]));
    /// ```
    pub fn into_value(self) -> Value {
        self.0
    }

    /// The bytes of a base64 string value (either alphabet, padded or not); an error for bad
    /// base64 or a value that is not a string.
    ///
    /// ```
    /// use odata::Stream;
    ///
    /// let stream: Stream = serde_json::from_str(r#""aGk=""#).unwrap();
    /// assert_eq!(stream.to_binary().unwrap().as_bytes(), b"hi");
    ///
    /// let error = Stream::new(serde_json::json!(5)).to_binary().unwrap_err();
    /// assert_eq!(error.to_string(), "invalid Edm.Stream `5`: not a base64 string");
    /// ```
    pub fn to_binary(&self) -> Result<Binary, ParseEdmError> {
        match &self.0 {
            Value::String(text) => Binary::from_base64(text),
            other => Err(ParseEdmError::new("Edm.Stream", &other.to_string(), "not a base64 string")),
        }
    }
}

/// Base64 of the bytes (standard alphabet, padded), as services inline a stream.
///
/// ```
/// let stream = odata::Stream::from(odata::Binary::from(b"hi".to_vec()));
/// assert_eq!(serde_json::to_string(&stream).unwrap(), r#""aGk=""#);
/// ```
impl From<Binary> for Stream {
    fn from(bytes: Binary) -> Self {
        Stream(Value::String(bytes.to_string()))
    }
}

impl From<Value> for Stream {
    fn from(value: Value) -> Self {
        Stream(value)
    }
}

impl From<Stream> for Value {
    fn from(stream: Stream) -> Self {
        stream.0
    }
}

impl fmt::Debug for Stream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stream({})", self.0)
    }
}

impl Serialize for Stream {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Stream {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Value::deserialize(deserializer).map(Stream)
    }
}

#[cfg(test)]
mod tests {
    use super::Stream;

    #[test]
    fn any_json_value_is_kept_and_written_back() {
        for json in [r#""iVBORw0=""#, r#"{"a":[1,2.5,null]}"#, "[]", "true", "null"] {
            let stream: Stream = serde_json::from_str(json).unwrap();
            assert_eq!(serde_json::to_string(&stream).unwrap(), json);
        }
    }

    #[test]
    fn bad_base64_is_an_error_naming_the_edm_type() {
        let stream: Stream = serde_json::from_str(r#""not base64!""#).unwrap();
        let error = stream.to_binary().unwrap_err();
        assert_eq!(error.edm_type(), "Edm.Binary");
        assert!(error.to_string().starts_with("invalid Edm.Binary `not base64!`: "), "{error}");
    }
}
