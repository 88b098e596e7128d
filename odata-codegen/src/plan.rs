//! The one naming pass: which types are generated (the selection's closure), every module,
//! type, variant, field and operation name (collisions resolved once, in a fixed order), which
//! fields are boxed to break by-value cycles, and which are read-only. Emission only reads it.

use std::collections::{BTreeMap, BTreeSet};

use crate::layout::wrap_value_type;
use crate::model::{Model, Operation, Target, TypeId, TypeKind, TypeRef};
use crate::naming::{
    camel_case_of_variant, field_name, snake_case, snake_ident, unique_numbered, upper_camel_case, FieldName,
    RESERVED_TYPE_NAMES,
};
use crate::ReadOnlyConvention;

/// Field names the derives generate next to the properties: the base, the kept undeclared
/// properties and annotations, and the `{Entity}Patch`'s `if_match`.
const RESERVED_FIELDS: &[&str] = &["base", "undeclared", "annotations", "if_match"];

/// Module names the generated code needs inside a namespace module (and, for
/// [`PRECOMPILED_JSON_MODULE`], at the root).
const RESERVED_MODULES: &[&str] = &["operations", "odata", PRECOMPILED_JSON_MODULE];

/// The root module of the `precompiled-json` feature's table.
pub const PRECOMPILED_JSON_MODULE: &str = "precompiled_json";

/// The name of the per-namespace module holding the bound operations.
pub const OPERATIONS_MODULE: &str = "operations";

/// A variant of a hierarchy is boxed unless its type is this small (properties, inherited
/// ones included) and holds no complex value inline, so that no variant outweighs the rest.
const INLINE_VARIANT_MAX_PROPERTIES: usize = 2;

/// How an operation is generated, or why not.
#[derive(Debug, Clone, PartialEq)]
pub enum OperationPlan {
    /// Generated as the struct `name` in its namespace's operations module.
    Generated {
        /// The struct's name.
        name: String,
        /// One field per parameter after the binding parameter.
        fields: Vec<FieldName>,
    },
    /// Listed in the operations module's documentation with the reason.
    Skipped(String),
    /// Bound to a type the selection leaves out: not mentioned at all.
    Omitted,
}

/// One generated type and everything decided about it (typify's `TypeEntry`): the plan holds
/// one per generated type and none for a type the selection leaves out.
#[derive(Debug, Clone, PartialEq)]
pub struct TypeEntry {
    /// Its Rust name, unique in its module.
    pub name: String,
    /// Its generated direct derived types, by qualified name.
    pub children: Vec<TypeId>,
    /// Its hierarchy enum, when it has generated derived types.
    pub hierarchy: Option<Hierarchy>,
    /// A structured type's fields: one per structural property, then one per navigation
    /// property (empty for an enum type).
    pub fields: Vec<FieldName>,
    /// An enum type's variants: one per member (empty for a structured type).
    pub variants: Vec<String>,
}

/// The `Any...` enum of a type with generated derived types.
#[derive(Debug, Clone, PartialEq)]
pub struct Hierarchy {
    /// The enum's name, unique in its module.
    pub name: String,
    /// One variant per concrete type of the family.
    pub variants: Vec<HierarchyVariant>,
}

/// A variant of a hierarchy enum.
#[derive(Debug, Clone, PartialEq)]
pub struct HierarchyVariant {
    /// The variant's name.
    pub name: String,
    /// The type it holds.
    pub ty: TypeId,
    /// Whether it holds the type boxed.
    pub boxed: bool,
}

/// Everything emission needs, decided once.
pub struct Plan<'m> {
    pub model: &'m Model,
    pub convention: ReadOnlyConvention,
    /// Per type of the model: its entry, `None` when it is not generated.
    types: Vec<Option<TypeEntry>>,
    /// Per schema: its generated types in emission order (by CSDL name).
    schema_types: Vec<Vec<TypeId>>,
    /// Per schema: the module path (identifiers).
    pub module_of_schema: Vec<Vec<String>>,
    /// (type, structural property index) of the fields boxed to break a by-value cycle.
    pub boxed: BTreeSet<(TypeId, usize)>,
    /// Per operation: how it is generated.
    pub operations: Vec<OperationPlan>,
}

impl<'m> Plan<'m> {
    pub fn new(model: &'m Model, convention: ReadOnlyConvention, selection: Option<&[TypeId]>) -> Plan<'m> {
        let count = model.types.len();
        let mut all_children = vec![Vec::new(); count];
        for id in 0..count {
            if let Some(base) = model.structured(id).and_then(|s| s.base) {
                all_children[base].push(id);
            }
        }
        for children in &mut all_children {
            children.sort_by(|a, b| model.types[*a].qualified_name.cmp(&model.types[*b].qualified_name));
        }
        let included = match selection {
            None => vec![true; count],
            Some(roots) => closure(model, &all_children, roots),
        };
        let mut schema_types = vec![Vec::new(); model.schemas.len()];
        for id in (0..count).filter(|id| included[*id]) {
            schema_types[model.types[id].schema].push(id);
        }
        for ids in &mut schema_types {
            ids.sort_by(|a, b| model.types[*a].name.cmp(&model.types[*b].name));
        }
        let mut types: Vec<Option<TypeEntry>> = vec![None; count];
        for ids in &schema_types {
            name_types(model, ids, &all_children, &included, &mut types);
        }
        let mut plan = Plan {
            model,
            convention,
            types,
            schema_types,
            module_of_schema: module_paths(model),
            boxed: BTreeSet::new(),
            operations: Vec::new(),
        };
        plan.plan_hierarchies();
        plan.name_members();
        plan.find_cycles();
        plan.plan_operations();
        plan
    }

    /// Whether a type is generated.
    pub fn is_generated(&self, id: TypeId) -> bool {
        self.types[id].is_some()
    }

    /// A generated type's entry.
    ///
    /// # Panics
    /// When the type is not generated: emission only asks about generated types.
    pub fn entry(&self, id: TypeId) -> &TypeEntry {
        self.types[id]
            .as_ref()
            .unwrap_or_else(|| panic!("`{}` is not generated", self.model.types[id].qualified_name))
    }

    fn entry_mut(&mut self, id: TypeId) -> &mut TypeEntry {
        self.types[id].as_mut().expect("a generated type")
    }

    /// The generated types of a schema in emission order: by CSDL name.
    pub fn types_of_schema(&self, schema: usize) -> &[TypeId] {
        &self.schema_types[schema]
    }

    fn plan_hierarchies(&mut self) {
        for id in 0..self.model.types.len() {
            if self.types[id].as_ref().is_some_and(|entry| entry.hierarchy.is_some()) {
                let variants = self.plan_variants(id);
                let entry = self.entry_mut(id);
                // Only abstract types generated below: no type to read, so no enum to read it.
                if variants.is_empty() {
                    entry.hierarchy = None;
                } else if let Some(hierarchy) = &mut entry.hierarchy {
                    hierarchy.variants = variants;
                }
            }
        }
    }

    fn plan_variants(&self, id: TypeId) -> Vec<HierarchyVariant> {
        let mut members = Vec::new();
        self.concrete_family(id, &mut members);
        let mut taken: BTreeSet<String> = ["Other".to_owned()].into();
        let mut variants = Vec::new();
        for member in members {
            let mut candidate = self.entry(member).name.clone();
            if taken.contains(&candidate) {
                let namespace = self.model.namespace_of(member);
                let segment = namespace.rsplit('.').next().unwrap_or(namespace);
                candidate = format!("{}{candidate}", upper_camel_case(segment));
            }
            let name = unique_numbered(&candidate, 2, &mut taken);
            variants.push(HierarchyVariant { name, ty: member, boxed: !self.fits_inline(member) });
        }
        variants
    }

    /// The type itself unless abstract, then every generated derived type, depth first in
    /// qualified-name order.
    fn concrete_family(&self, id: TypeId, out: &mut Vec<TypeId>) {
        if !self.model.structured(id).is_some_and(|s| s.is_abstract) {
            out.push(id);
        }
        for &child in &self.entry(id).children {
            self.concrete_family(child, out);
        }
    }

    fn fits_inline(&self, id: TypeId) -> bool {
        let mut properties = 0;
        let mut current = Some(id);
        while let Some(ty) = current {
            let Some(structured) = self.model.structured(ty) else { break };
            for property in &structured.properties {
                properties += 1;
                let complex =
                    matches!(property.ty.target, Target::Type(t) if self.model.structured(t).is_some());
                if complex && !property.ty.collection {
                    return false;
                }
            }
            properties += structured.navigation.iter().filter(|p| self.navigation_included(p.ty)).count();
            current = structured.base;
        }
        properties <= INLINE_VARIANT_MAX_PROPERTIES
    }

    /// Whether a navigation property's target is generated (navigation is not followed by the
    /// selection: a property to a type left out is left out).
    pub fn navigation_included(&self, ty: TypeRef) -> bool {
        matches!(ty.target, Target::Type(id) if self.is_generated(id))
    }

    fn name_members(&mut self) {
        let model = self.model;
        for id in 0..model.types.len() {
            let Some(entry) = &mut self.types[id] else { continue };
            match &model.types[id].kind {
                TypeKind::Enum(enumeration) => {
                    let mut taken: BTreeSet<String> = ["Other".to_owned()].into();
                    entry.variants = enumeration
                        .members
                        .iter()
                        .map(|member| unique_numbered(&upper_camel_case(&member.name), 1, &mut taken))
                        .collect();
                }
                TypeKind::Entity(structured) | TypeKind::Complex(structured) => {
                    let mut taken: BTreeSet<String> =
                        RESERVED_FIELDS.iter().map(|name| name.to_string()).collect();
                    entry.fields = structured
                        .properties
                        .iter()
                        .chain(&structured.navigation)
                        .map(|property| field_name(&property.name, &mut taken))
                        .collect();
                }
            }
        }
    }

    /// Tarjan's strongly connected components over the by-value edges between structs (a
    /// non-collection complex property, a hierarchy enum's inline variants, the base); every
    /// property edge inside a component is boxed. Base edges never are: they cannot close a
    /// cycle alone, since base chains are acyclic.
    fn find_cycles(&mut self) {
        let count = self.model.types.len();
        let mut edges: Vec<Vec<(TypeId, Option<usize>)>> = vec![Vec::new(); count];
        for (id, edges) in edges.iter_mut().enumerate() {
            if !self.is_generated(id) {
                continue;
            }
            let Some(structured) = self.model.structured(id) else { continue };
            if let Some(base) = structured.base {
                edges.push((base, None));
            }
            for (index, property) in structured.properties.iter().enumerate() {
                let Target::Type(target) = property.ty.target else { continue };
                if property.ty.collection || self.model.structured(target).is_none() {
                    continue;
                }
                if let Some(hierarchy) = &self.entry(target).hierarchy {
                    for variant in hierarchy.variants.iter().filter(|variant| !variant.boxed) {
                        edges.push((variant.ty, Some(index)));
                    }
                } else {
                    edges.push((target, Some(index)));
                }
            }
        }
        let components = strongly_connected_components(&edges);
        for (id, edges) in edges.iter().enumerate() {
            for &(target, index) in edges {
                if let Some(index) = index {
                    if components[id] == components[target] {
                        self.boxed.insert((id, index));
                    }
                }
            }
        }
    }

    fn plan_operations(&mut self) {
        let model = self.model;
        let mut plans: Vec<OperationPlan> =
            model.operations.iter().map(|op| self.check_operation(op)).collect();
        for schema in 0..model.schemas.len() {
            let mut generated: Vec<usize> = (0..plans.len())
                .filter(|i| {
                    model.operations[*i].schema == schema
                        && matches!(plans[*i], OperationPlan::Generated { .. })
                })
                .collect();
            let binding_name = |i: usize| match model.operations[i].binding.map(|b| b.target) {
                Some(Target::Type(id)) => self.entry(id).name.clone(),
                _ => String::new(),
            };
            let sort_key = |i: usize| {
                let op = &model.operations[i];
                let collection = op.binding.is_some_and(|b| b.collection);
                let parameters: Vec<&str> = op.parameters.iter().map(|p| p.name.as_str()).collect();
                (binding_name(i), op.name.clone(), collection, parameters.join(","))
            };
            generated.sort_by_key(|i| sort_key(*i));
            // Overloads share binding type and name; those bound to the collection are named
            // `{Binding}Collection{Operation}` when the type itself has one of that name too, and
            // overloads of one binding kind are told apart by their parameters.
            let group = |i: usize| {
                let op = &model.operations[i];
                (binding_name(i), op.name.clone(), op.binding.is_some_and(|b| b.collection))
            };
            let mut group_sizes: BTreeMap<(String, String, bool), usize> = BTreeMap::new();
            for &i in &generated {
                *group_sizes.entry(group(i)).or_default() += 1;
            }
            let mut taken: BTreeSet<String> =
                RESERVED_TYPE_NAMES.iter().map(|name| name.to_string()).collect();
            for &i in &generated {
                let op = &model.operations[i];
                let (binding, name, collection) = group(i);
                let both_kinds = group_sizes.contains_key(&(binding.clone(), name.clone(), !collection));
                let infix = if collection && both_kinds { "Collection" } else { "" };
                let mut candidate = format!("{binding}{infix}{}", upper_camel_case(&op.name));
                if group_sizes[&(binding, name, collection)] > 1 && !op.parameters.is_empty() {
                    candidate.push_str("With");
                    for parameter in &op.parameters {
                        candidate.push_str(&upper_camel_case(&parameter.name));
                    }
                }
                let name = unique_numbered(&candidate, 2, &mut taken);
                if let OperationPlan::Generated { name: slot, .. } = &mut plans[i] {
                    *slot = name;
                }
            }
        }
        self.operations = plans;
    }

    fn check_operation(&self, op: &Operation) -> OperationPlan {
        let model = self.model;
        let Some(binding) = op.binding else {
            return OperationPlan::Skipped("unbound: only bound operations are generated".to_owned());
        };
        let Target::Type(binding_type) = binding.target else {
            return OperationPlan::Skipped("bound to a primitive type".to_owned());
        };
        if !self.is_generated(binding_type) {
            return OperationPlan::Omitted;
        }
        if !model.is_entity(binding_type) {
            let name = &model.types[binding_type].qualified_name;
            return OperationPlan::Skipped(format!("bound to `{name}`, which is not an entity type"));
        }
        let types = op.parameters.iter().map(|p| p.ty).chain(op.returns);
        for ty in types {
            if let Target::Type(id) = ty.target {
                if !self.is_generated(id) {
                    let name = &model.types[id].qualified_name;
                    return OperationPlan::Skipped(format!(
                        "uses `{name}`, which the type selection leaves out"
                    ));
                }
            }
        }
        let mut taken = BTreeSet::new();
        let fields = op.parameters.iter().map(|p| field_name(&p.name, &mut taken)).collect();
        OperationPlan::Generated { name: String::new(), fields }
    }

    /// Whether a structural property is read-only under the convention (entity types only:
    /// the complex derive has no `read_only`).
    pub fn is_read_only(&self, id: TypeId, index: usize) -> bool {
        let Some(structured) = self.model.structured(id) else { return false };
        if !self.model.is_entity(id) {
            return false;
        }
        let property = &structured.properties[index];
        if property.computed
            || property.permissions_read
            || property.ty.target == Target::Primitive(crate::model::Primitive::Stream)
        {
            return true;
        }
        match self.convention {
            ReadOnlyConvention::Metadata => false,
            ReadOnlyConvention::Graph => {
                let entity_key = self.model.types[id].qualified_name == "microsoft.graph.entity"
                    && structured.key.contains(&property.name);
                entity_key || property.description.as_deref().is_some_and(says_read_only)
            }
        }
    }

    /// The entity set (`collection`) or singleton path of a type's own, if any: entity sets
    /// first, then singletons, each by name.
    pub fn own_resource_path(&self, id: TypeId) -> Option<(&'static str, String)> {
        let first = |items: &[crate::model::ContainerItem]| {
            items.iter().filter(|item| item.ty == id).map(|item| item.name.clone()).min()
        };
        if let Some(set) = first(&self.model.entity_sets) {
            return Some(("collection", format!("/{set}")));
        }
        first(&self.model.singletons).map(|singleton| ("singleton", format!("/{singleton}")))
    }

    /// The resource path of a type or, failing that, of its nearest base with one.
    pub fn inherited_resource_path(&self, id: TypeId) -> Option<(&'static str, String)> {
        let mut current = Some(id);
        while let Some(ty) = current {
            if let Some(path) = self.own_resource_path(ty) {
                return Some(path);
            }
            current = self.model.structured(ty).and_then(|s| s.base);
        }
        None
    }

    /// The path of a type's struct (`polymorphic`: its hierarchy enum, when it has one) as seen
    /// from the module `from`.
    pub fn type_path(&self, from: &[String], id: TypeId, polymorphic: bool) -> String {
        let entry = self.entry(id);
        let name = match (&entry.hierarchy, polymorphic) {
            (Some(hierarchy), true) => &hierarchy.name,
            _ => &entry.name,
        };
        relative_path(from, &self.module_of_schema[self.model.types[id].schema], name)
    }

    /// The Rust type of type `id` itself, not its hierarchy's enum: a flags enum as
    /// `odata::Flags`.
    pub fn own_type(&self, from: &[String], id: TypeId) -> String {
        let path = self.type_path(from, id, false);
        match &self.model.types[id].kind {
            TypeKind::Enum(enumeration) if enumeration.is_flags => format!("odata::Flags<{path}>"),
            _ => path,
        }
    }

    /// Every generated type, schema by schema, as the crate's lists name them.
    pub fn generated_types(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.schema_types.iter().flatten().copied()
    }

    /// The Rust type of a value of `ty` (no `Option`): `Vec` for a collection, the hierarchy
    /// enum for a type with derived types, `odata::Flags` for a flags enum.
    pub fn value_type(&self, from: &[String], ty: TypeRef, boxed: bool) -> String {
        let element = match ty.target {
            Target::Primitive(primitive) => primitive.rust_type().to_owned(),
            Target::Type(id) => match &self.model.types[id].kind {
                TypeKind::Enum(_) => self.own_type(from, id),
                _ => self.type_path(from, id, true),
            },
        };
        wrap_value_type(element, ty.collection, boxed)
    }

    /// The variant names of an enum type whose default wire name is not the member's.
    pub fn variant_needs_rename(&self, variant: &str, wire: &str) -> bool {
        camel_case_of_variant(variant) != wire
    }

    /// The operations module of a schema, as a path.
    pub fn operations_module(&self, schema: usize) -> Vec<String> {
        let mut path = self.module_of_schema[schema].clone();
        path.push(OPERATIONS_MODULE.to_owned());
        path
    }
}

/// Names the generated types of one schema (`ids`, in emission order) and their hierarchy
/// enums, in that order, and creates their entries.
fn name_types(
    model: &Model,
    ids: &[TypeId],
    all_children: &[Vec<TypeId>],
    included: &[bool],
    types: &mut [Option<TypeEntry>],
) {
    let mut taken: BTreeSet<String> = RESERVED_TYPE_NAMES.iter().map(|name| name.to_string()).collect();
    for &id in ids {
        let candidate = upper_camel_case(&model.types[id].name);
        let name = if model.is_entity(id) {
            // The derive declares `{Entity}Patch` beside the entity: both must be free.
            let mut counter = 2;
            let mut name = candidate.clone();
            while taken.contains(&name) || taken.contains(&format!("{name}Patch")) {
                name = format!("{candidate}{counter}");
                counter += 1;
            }
            taken.insert(format!("{name}Patch"));
            taken.insert(name.clone());
            name
        } else {
            unique_numbered(&candidate, 2, &mut taken)
        };
        let children = all_children[id].iter().copied().filter(|child| included[*child]).collect();
        types[id] =
            Some(TypeEntry { name, children, hierarchy: None, fields: Vec::new(), variants: Vec::new() });
    }
    for &id in ids {
        let Some(entry) = &mut types[id] else { continue };
        if !entry.children.is_empty() {
            let name = unique_numbered(&format!("Any{}", entry.name), 2, &mut taken);
            entry.hierarchy = Some(Hierarchy { name, variants: Vec::new() });
        }
    }
}

/// The Graph convention's description rule: the description says "read-only" as a word, in
/// any case (`Read-only.`, `... is read-only`).
pub fn says_read_only(description: &str) -> bool {
    let lower = description.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    let needle = "read-only";
    let mut start = 0;
    while let Some(found) = lower[start..].find(needle) {
        let at = start + found;
        let end = at + needle.len();
        let before = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let after = end == bytes.len() || !bytes[end].is_ascii_alphanumeric();
        if before && after {
            return true;
        }
        start = at + 1;
    }
    false
}

/// The types a selection needs: the selected ones, their base types, the types of their
/// structural properties, and every type derived from a complex type in the set (a property
/// of the base type may hold any of them). Navigation is not followed.
fn closure(model: &Model, children: &[Vec<TypeId>], roots: &[TypeId]) -> Vec<bool> {
    let mut included = vec![false; model.types.len()];
    let mut stack: Vec<TypeId> = roots.to_vec();
    while let Some(id) = stack.pop() {
        if std::mem::replace(&mut included[id], true) {
            continue;
        }
        let Some(structured) = model.structured(id) else { continue };
        stack.extend(structured.base);
        for property in &structured.properties {
            if let Target::Type(target) = property.ty.target {
                stack.push(target);
            }
        }
        if !model.is_entity(id) {
            stack.extend(&children[id]);
        }
    }
    included
}

/// Each schema's module path: the namespace's dot-separated segments in snake_case, names
/// made unique among siblings (in segment order) and kept clear of the reserved modules.
fn module_paths(model: &Model) -> Vec<Vec<String>> {
    let mut segments_by_parent: BTreeMap<Vec<String>, BTreeSet<String>> = BTreeMap::new();
    for schema in &model.schemas {
        let segments: Vec<String> = schema.namespace.split('.').map(str::to_owned).collect();
        for depth in 0..segments.len() {
            segments_by_parent.entry(segments[..depth].to_vec()).or_default().insert(segments[depth].clone());
        }
    }
    let mut idents: BTreeMap<Vec<String>, String> = BTreeMap::new();
    for (parent, children) in &segments_by_parent {
        let mut taken: BTreeSet<String> = RESERVED_MODULES.iter().map(|name| name.to_string()).collect();
        for child in children {
            let snake = snake_case(child);
            let snake = if taken.contains(&snake) || snake_ident(&snake).ends_with('_') {
                unique_numbered(&format!("{snake}_"), 2, &mut taken)
            } else {
                taken.insert(snake.clone());
                snake
            };
            let mut path = parent.clone();
            path.push(child.clone());
            idents.insert(path, snake_ident(&snake));
        }
    }
    model
        .schemas
        .iter()
        .map(|schema| {
            let segments: Vec<String> = schema.namespace.split('.').map(str::to_owned).collect();
            (1..=segments.len()).map(|depth| idents[&segments[..depth].to_vec()].clone()).collect()
        })
        .collect()
}

/// `name` in module `to`, written from module `from` with `super::` steps.
pub fn relative_path(from: &[String], to: &[String], name: &str) -> String {
    let common = from.iter().zip(to).take_while(|(a, b)| a == b).count();
    let mut path = String::new();
    for _ in common..from.len() {
        path.push_str("super::");
    }
    for segment in &to[common..] {
        path.push_str(segment);
        path.push_str("::");
    }
    path.push_str(name);
    path
}

/// The component number of every node (Tarjan, iterative so that deep chains cannot overflow
/// the stack).
pub fn strongly_connected_components(edges: &[Vec<(TypeId, Option<usize>)>]) -> Vec<usize> {
    const UNVISITED: usize = usize::MAX;
    let count = edges.len();
    let mut index = vec![UNVISITED; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut component = vec![UNVISITED; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut next_component = 0;
    for root in 0..count {
        if index[root] != UNVISITED {
            continue;
        }
        // (node, position of the next edge to visit)
        let mut work = vec![(root, 0usize)];
        index[root] = next_index;
        low[root] = next_index;
        next_index += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&mut (node, ref mut position)) = work.last_mut() {
            if let Some(&(target, _)) = edges[node].get(*position) {
                *position += 1;
                if index[target] == UNVISITED {
                    index[target] = next_index;
                    low[target] = next_index;
                    next_index += 1;
                    stack.push(target);
                    on_stack[target] = true;
                    work.push((target, 0));
                } else if on_stack[target] {
                    low[node] = low[node].min(index[target]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_climb_to_the_common_module() {
        let graph = ["microsoft".to_owned(), "graph".to_owned()];
        let security = ["microsoft".to_owned(), "graph".to_owned(), "security".to_owned()];
        assert_eq!(relative_path(&graph, &graph, "User"), "User");
        assert_eq!(relative_path(&security, &graph, "User"), "super::User");
        assert_eq!(relative_path(&graph, &security, "Alert"), "security::Alert");
        let operations = ["microsoft".to_owned(), "graph".to_owned(), "operations".to_owned()];
        assert_eq!(relative_path(&operations, &security, "Alert"), "super::security::Alert");
    }

    #[test]
    fn components_group_cycles_only() {
        // 0 -> 1 -> 2 -> 1, 3 -> 3, 4 alone
        let edges = vec![vec![(1, None)], vec![(2, None)], vec![(1, None)], vec![(3, None)], vec![]];
        let components = strongly_connected_components(&edges);
        assert_eq!(components[1], components[2]);
        assert_ne!(components[0], components[1]);
        assert_ne!(components[4], components[3]);
    }

    #[test]
    fn read_only_descriptions_match_the_word_only() {
        assert!(says_read_only("The id. Read-only."));
        assert!(says_read_only("This property is read-only"));
        assert!(!says_read_only("Not readonly"));
        assert!(!says_read_only("a read-onlyish thing"));
    }
}
