//! Typed property handles: the names a query may use, with the Edm type each one holds.

use core::fmt;
use core::marker::PhantomData;

use crate::{ODataResource, ODataType};

/// How many segments a property path holds at most: properties, type casts and lambda
/// variables together. Deep enough for any model (Graph's deepest filter paths have four).
pub const MAX_PATH_SEGMENTS: usize = 12;

/// A property path below a query's resource, such as `address/city`, held without
/// allocating: the segments are the `&'static str` wire names that the derive writes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct PropPath {
    segments: [&'static str; MAX_PATH_SEGMENTS],
    len: u8,
    /// How many lambdas (`any`/`all`) enclose this path, which names the next variable.
    lambda_depth: u8,
}

impl PropPath {
    /// The empty path: the resource itself, the prefix of its own properties.
    pub const ROOT: PropPath = PropPath { segments: [""; MAX_PATH_SEGMENTS], len: 0, lambda_depth: 0 };

    /// This path with `segment` appended.
    ///
    /// # Panics
    /// If the path already holds [`MAX_PATH_SEGMENTS`] segments; in a `const` (as the
    /// derive's handles are) that is a compile error.
    #[track_caller]
    pub const fn join(self, segment: &'static str) -> PropPath {
        let mut path = self;
        let len = path.len as usize;
        assert!(len < MAX_PATH_SEGMENTS, "a property path has at most MAX_PATH_SEGMENTS segments");
        path.segments[len] = segment;
        path.len += 1;
        path
    }

    /// The path of a lambda's variable (`x` in `tags/any(x:x eq 'a')`), one lambda deeper
    /// than `self`.
    pub(crate) const fn lambda_variable(self, variable: &'static str) -> PropPath {
        let mut path = PropPath::ROOT.join(variable);
        path.lambda_depth = self.lambda_depth + 1;
        path
    }

    pub(crate) fn lambda_depth(&self) -> u8 {
        self.lambda_depth
    }

    /// The segments, outermost first.
    pub fn segments(&self) -> &[&'static str] {
        &self.segments[..self.len as usize]
    }

    /// Appends the path, its segments separated by `/`, to `out`, unescaped.
    pub(crate) fn write(&self, out: &mut String) {
        for (index, segment) in self.segments().iter().enumerate() {
            if index > 0 {
                out.push('/');
            }
            out.push_str(segment);
        }
    }

    /// The length of what [`write`](Self::write) appends.
    pub(crate) fn text_len(&self) -> usize {
        let segments = self.segments();
        segments.iter().map(|segment| segment.len()).sum::<usize>() + segments.len().saturating_sub(1)
    }
}

impl fmt::Debug for PropPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.segments().join("/"))
    }
}

/// A typed handle on a property of `Owner`'s queries that holds a `T`: the derive generates
/// one per property, so that `$select`, `$orderby`, `$expand` and `$filter` only name
/// properties that exist, and a comparison only takes a value of the property's Edm type.
///
/// `Owner` is the resource the query is about (the type of the entity set, or of the
/// collection a lambda ranges over); `T` is the field's type without `Option` and `Box`:
/// `String`, `i32`, [`Guid`](crate::Guid), ... for primitive properties, a complex type,
/// an entity type for a single-valued navigation property, `Vec<_>` for collections.
///
/// ```
/// use odata::query::{Prop, PropPath};
///
/// struct User;
/// const DISPLAY_NAME: Prop<User, String> = Prop::new("displayName");
/// assert_eq!(DISPLAY_NAME.path().segments(), ["displayName"]);
///
/// let nested: Prop<User, String> = Prop::at(PropPath::ROOT.join("address"), "city");
/// assert_eq!(nested.path().segments(), ["address", "city"]);
/// ```
pub struct Prop<Owner, T> {
    path: PropPath,
    _types: PhantomData<fn() -> (Owner, T)>,
}

// Manual impls: a handle is a path, whatever `Owner` and `T` implement.
impl<Owner, T> Clone for Prop<Owner, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<Owner, T> Copy for Prop<Owner, T> {}

impl<Owner, T> PartialEq for Prop<Owner, T> {
    fn eq(&self, other: &Self) -> bool {
        self.path == other.path
    }
}

impl<Owner, T> Eq for Prop<Owner, T> {}

impl<Owner, T> fmt::Debug for Prop<Owner, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Prop({:?})", self.path)
    }
}

impl<Owner, T> Prop<Owner, T> {
    /// The handle of the property with this wire name, directly on `Owner`.
    pub const fn new(name: &'static str) -> Self {
        Prop::at(PropPath::ROOT, name)
    }

    /// The handle of the property `name` below `prefix`: what the derive's
    /// [`ODataFields::fields_at`] writes for each property.
    #[track_caller]
    pub const fn at(prefix: PropPath, name: &'static str) -> Self {
        Prop { path: prefix.join(name), _types: PhantomData }
    }

    /// The property's path below `Owner`.
    pub const fn path(&self) -> PropPath {
        self.path
    }

    /// A handle on the same path holding another type: for the lambda variable and casts.
    pub(crate) const fn retyped<U>(self, path: PropPath) -> Prop<Owner, U> {
        Prop { path, _types: PhantomData }
    }
}

impl<Owner, T: ODataFields> Prop<Owner, T> {
    /// The handles of the properties of the complex value or entity this property holds,
    /// as paths below it (`address/city`).
    pub fn fields(self) -> T::Fields<Owner> {
        T::fields_at(self.path)
    }
}

impl<Owner, T> Prop<Owner, T> {
    /// This property cast to the derived type `D` (`manager/microsoft.graph.employee`): its
    /// [`fields`](Prop::fields) include the derived type's own properties.
    pub fn cast<D: DerivedFrom<T> + ODataType>(self) -> Prop<Owner, D> {
        let path = self.path.join(D::TYPE_NAME);
        self.retyped(path)
    }
}

/// The resource of a query cast to its derived type `D`: filter a collection of users on an
/// employee's properties with `cast::<User, Employee>().fields().employee_id`, which writes
/// `microsoft.graph.employee/employeeId`.
///
/// ```
/// use odata::query::cast;
///
/// #[derive(odata::ODataResource)]
/// #[odata(type = "microsoft.graph.user", collection = "/users")]
/// pub struct User { #[odata(key)] pub id: String }
///
/// // The derive declares `Employee: DerivedFrom<User>`.
/// #[derive(odata::ODataResource)]
/// #[odata(type = "microsoft.graph.employee")]
/// pub struct Employee { #[odata(base)] pub base: User, pub employee_id: Option<String> }
///
/// assert_eq!(cast::<User, Employee>().path().segments(), ["microsoft.graph.employee"]);
/// assert_eq!(cast::<User, Employee>().fields().employee_id.path().segments(), ["microsoft.graph.employee", "employeeId"]);
/// ```
pub fn cast<Owner, D: DerivedFrom<Owner> + ODataType>() -> Prop<Owner, D> {
    Prop::new(D::TYPE_NAME)
}

/// A structured type (entity or complex) whose properties have typed handles: the derive
/// implements it, with a struct holding one [`Prop`] per property (its own and, for a
/// derived type, its base's).
pub trait ODataFields {
    /// The struct of handles, for queries about `Owner`.
    type Fields<Owner>;

    /// The handles, each a path below `prefix`.
    fn fields_at<Owner>(prefix: PropPath) -> Self::Fields<Owner>;
}

/// The handles of `T`'s own properties, for queries about `T`.
///
/// ```
/// # use odata::query::{fields, ODataFields, Prop, PropPath};
/// pub struct Address;
/// pub struct AddressFields<O> { pub city: Prop<O, String> }
/// impl ODataFields for Address {
///     type Fields<O> = AddressFields<O>;
///     fn fields_at<O>(prefix: PropPath) -> AddressFields<O> {
///         AddressFields { city: Prop::at(prefix, "city") }
///     }
/// }
/// assert_eq!(fields::<Address>().city.path().segments(), ["city"]);
/// ```
pub fn fields<T: ODataFields>() -> T::Fields<T> {
    T::fields_at(PropPath::ROOT)
}

/// `Self` is a type derived from `Base` (directly or not), so a `Base` handle may be cast to
/// it. The derive implements it for the type of an `#[odata(base)]` field.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a type derived from `{Base}`",
    label = "not derived from `{Base}`",
    note = "a cast names a type whose `#[odata(base)]` field holds `{Base}`"
)]
pub trait DerivedFrom<Base> {}

/// What `$expand` takes: a navigation property, single (`T` an entity type) or
/// collection-valued (`Vec<T>`).
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a navigation property's type, so it cannot be expanded",
    note = "`$expand` takes navigation properties: an entity type or a `Vec` of one"
)]
pub trait Expandable {
    /// The entity type the navigation property leads to.
    type Target;
}

impl<T: ODataResource> Expandable for T {
    type Target = T;
}

impl<T: ODataResource> Expandable for Vec<T> {
    type Target = T;
}
