//! The one naming pass: which types are generated (the selection's closure), every module,
//! type, variant, field and operation name (collisions resolved once, in a fixed order), which
//! fields are boxed to break by-value cycles, and which are read-only. Emission only reads it.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Model, Operation, Target, TypeId, TypeKind, TypeRef};
use crate::naming::{
    camel_case_of_variant, field_name, snake_case, snake_ident, unique_numbered, upper_camel_case, FieldName,
    RESERVED_TYPE_NAMES,
};
use crate::ReadOnlyConvention;

/// Field names the derives generate next to the properties: the base, the kept undeclared
/// properties and annotations, and the `{Entity}Patch`'s `if_match`.
const RESERVED_FIELDS: &[&str] = &["base", "undeclared", "annotations", "if_match"];

/// Module names the generated code needs inside a namespace module.
const RESERVED_MODULES: &[&str] = &["operations", "odata"];

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

/// Everything emission needs, decided once.
pub struct Plan<'m> {
    pub model: &'m Model,
    pub convention: ReadOnlyConvention,
    /// Per type: generated or not.
    pub included: Vec<bool>,
    /// Per type: its generated direct derived types, by qualified name.
    pub children: Vec<Vec<TypeId>>,
    /// Per schema: the module path (identifiers).
    pub module_of_schema: Vec<Vec<String>>,
    /// Per type: its Rust name (empty when not generated).
    pub type_name: Vec<String>,
    /// Per type: the name of its hierarchy enum, when it has generated derived types.
    pub any_name: Vec<Option<String>>,
    /// Per hierarchy enum: its variants (name, type, boxed).
    pub any_variants: Vec<Vec<(String, TypeId, bool)>>,
    /// Per structured type: one name per structural property, then one per navigation property.
    pub fields: Vec<Vec<FieldName>>,
    /// Per enum type: one variant name per member.
    pub variants: Vec<Vec<String>>,
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
        let children = all_children
            .iter()
            .map(|children| children.iter().copied().filter(|c| included[*c]).collect())
            .collect();
        let mut plan = Plan {
            model,
            convention,
            included,
            children,
            module_of_schema: module_paths(model),
            type_name: vec![String::new(); count],
            any_name: vec![None; count],
            any_variants: vec![Vec::new(); count],
            fields: vec![Vec::new(); count],
            variants: vec![Vec::new(); count],
            boxed: BTreeSet::new(),
            operations: Vec::new(),
        };
        plan.name_types();
        plan.name_members();
        plan.find_cycles();
        plan.plan_operations();
        plan
    }

    /// The types of each schema in emission order: by CSDL name.
    pub fn types_of_schema(&self, schema: usize) -> Vec<TypeId> {
        let mut ids: Vec<TypeId> = (0..self.model.types.len())
            .filter(|id| self.included[*id] && self.model.types[*id].schema == schema)
            .collect();
        ids.sort_by(|a, b| self.model.types[*a].name.cmp(&self.model.types[*b].name));
        ids
    }

    fn name_types(&mut self) {
        for schema in 0..self.model.schemas.len() {
            let ids = self.types_of_schema(schema);
            let mut taken: BTreeSet<String> =
                RESERVED_TYPE_NAMES.iter().map(|name| name.to_string()).collect();
            for &id in &ids {
                let candidate = upper_camel_case(&self.model.types[id].name);
                let name = if self.model.is_entity(id) {
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
                self.type_name[id] = name;
            }
            for &id in &ids {
                if !self.children[id].is_empty() {
                    let candidate = format!("Any{}", self.type_name[id]);
                    self.any_name[id] = Some(unique_numbered(&candidate, 2, &mut taken));
                }
            }
        }
        for id in 0..self.model.types.len() {
            if self.any_name[id].is_some() {
                self.any_variants[id] = self.plan_variants(id);
            }
        }
    }

    fn plan_variants(&self, id: TypeId) -> Vec<(String, TypeId, bool)> {
        let mut members = Vec::new();
        self.concrete_family(id, &mut members);
        let mut taken: BTreeSet<String> = ["Other".to_owned()].into();
        let mut variants = Vec::new();
        for member in members {
            let mut candidate = self.type_name[member].clone();
            if taken.contains(&candidate) {
                let namespace = self.model.namespace_of(member);
                let segment = namespace.rsplit('.').next().unwrap_or(namespace);
                candidate = format!("{}{candidate}", upper_camel_case(segment));
            }
            let name = unique_numbered(&candidate, 2, &mut taken);
            variants.push((name, member, !self.fits_inline(member)));
        }
        variants
    }

    /// The type itself unless abstract, then every generated derived type, depth first in
    /// qualified-name order.
    fn concrete_family(&self, id: TypeId, out: &mut Vec<TypeId>) {
        if !self.model.structured(id).is_some_and(|s| s.is_abstract) {
            out.push(id);
        }
        for &child in &self.children[id] {
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
        matches!(ty.target, Target::Type(id) if self.included[id])
    }

    fn name_members(&mut self) {
        for id in 0..self.model.types.len() {
            if !self.included[id] {
                continue;
            }
            match &self.model.types[id].kind {
                TypeKind::Enum(enumeration) => {
                    let mut taken: BTreeSet<String> = ["Other".to_owned()].into();
                    self.variants[id] = enumeration
                        .members
                        .iter()
                        .map(|member| unique_numbered(&upper_camel_case(&member.name), 1, &mut taken))
                        .collect();
                }
                TypeKind::Entity(structured) | TypeKind::Complex(structured) => {
                    let mut taken: BTreeSet<String> =
                        RESERVED_FIELDS.iter().map(|name| name.to_string()).collect();
                    self.fields[id] = structured
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
            if !self.included[id] {
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
                if self.any_name[target].is_some() {
                    for (_, member, boxed) in &self.any_variants[target] {
                        if !boxed {
                            edges.push((*member, Some(index)));
                        }
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
                Some(Target::Type(id)) => self.type_name[id].clone(),
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
        if !self.included[binding_type] {
            return OperationPlan::Omitted;
        }
        if !model.is_entity(binding_type) {
            let name = &model.types[binding_type].qualified_name;
            return OperationPlan::Skipped(format!("bound to `{name}`, which is not an entity type"));
        }
        let types = op.parameters.iter().map(|p| p.ty).chain(op.returns);
        for ty in types {
            if let Target::Type(id) = ty.target {
                if !self.included[id] {
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
        let name = match (&self.any_name[id], polymorphic) {
            (Some(any), true) => any,
            _ => &self.type_name[id],
        };
        relative_path(from, &self.module_of_schema[self.model.types[id].schema], name)
    }

    /// The Rust type of a value of `ty` (no `Option`): `Vec` for a collection, the hierarchy
    /// enum for a type with derived types, `odata::Flags` for a flags enum.
    pub fn value_type(&self, from: &[String], ty: TypeRef, boxed: bool) -> String {
        let element = match ty.target {
            Target::Primitive(primitive) => primitive.rust_type().to_owned(),
            Target::Type(id) => match &self.model.types[id].kind {
                TypeKind::Enum(enumeration) if enumeration.is_flags => {
                    format!("odata::Flags<{}>", self.type_path(from, id, false))
                }
                TypeKind::Enum(_) => self.type_path(from, id, false),
                _ => self.type_path(from, id, true),
            },
        };
        if ty.collection {
            format!("Vec<{element}>")
        } else if boxed {
            format!("Box<{element}>")
        } else {
            element
        }
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
