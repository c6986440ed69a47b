"""Documents as Label Studio tasks and back: a pure pair of conversions over the full JSON export shape.

Label Studio keeps one region as several results that share an id: a `labels` result for the span and one result
per per-region control (form, stance, ...). Relations are results of type `relation` between region ids.
"""

from __future__ import annotations

from typing import Any

from saywho.document import METADATA_FIELDS, Document, Relation, Span, canonical
from saywho.inventory import LAYERS, NO_SPEAKER_FLAG
from saywho.labelstudio.config import REGION_CONTROLS, TARGET_CHOICES_FIELD, TEXT_NAME



def document_to_task(doc: Document, *, as_predictions: bool = False, model_version: str = "gold") -> dict[str, Any]:
    """A Label Studio task carrying the document's annotation, or its prediction for pre-annotation.

    >>> doc = Document("d", "e", "o", "wire", "2026-01-01", "composed", "sport", "Hi.", targets=("t",))
    >>> document_to_task(doc)["data"]["target_choices"]
    [{'value': 't'}]
    """
    data: dict[str, Any] = {name: getattr(doc, name) for name in METADATA_FIELDS}
    data.update(text=doc.text, targets=list(doc.targets), tags=list(doc.tags),
                **{TARGET_CHOICES_FIELD: [{"value": target} for target in doc.targets]})
    result = [item for span in doc.spans for item in _span_results(doc, span)]
    result += [{"type": "relation", "from_id": r.from_id, "to_id": r.to_id, "direction": "right", "labels": [r.type]}
               for r in doc.relations]
    if as_predictions:
        return {"data": data, "predictions": [{"model_version": model_version, "result": result}]}
    return {"data": data, "annotations": [{"result": result, "ground_truth": True}]}


def _span_results(doc: Document, span: Span) -> list[dict[str, Any]]:
    position = {"start": span.start, "end": span.end}
    base = {"id": span.id, "to_name": TEXT_NAME, "origin": "manual"}
    results = [{**base, "from_name": span.layer, "type": "labels",
                "value": {**position, "text": doc.text[span.start:span.end], "labels": [span.label]}}]
    for name, (label, kind, _) in REGION_CONTROLS.items():
        value = getattr(span, name)
        if label != span.label or value in (None, False):
            continue
        if name == NO_SPEAKER_FLAG:
            value = "yes"
        key = "text" if kind == "textarea" else "choices"
        results.append({**base, "from_name": name, "type": kind, "value": {**position, key: [value]}})
    return results


class BadStructure(Exception):
    """A task or result that is not shaped as Label Studio writes it; `where` names the place."""

    def __init__(self, where: str, detail: str):
        self.where = where
        self.detail = detail
        super().__init__(f"{where}: {detail}")


def _field(mapping: Any, key: str, kind: type | tuple[type, ...], where: str) -> Any:
    if not isinstance(mapping, dict) or key not in mapping:
        raise BadStructure(where, f"field {key!r} is missing")
    value = mapping[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise BadStructure(where, f"field {key!r} is {type(value).__name__}, expected {getattr(kind, '__name__', kind)}")
    return value


def task_to_document(task: dict[str, Any], result: list[Any]) -> tuple[Document, list[tuple[Span, str]]]:
    """The document of a task, read from one annotation's result list.

    Also returns each span with the surface text the export stored for it, for the caller to check against
    text[start:end]. Raises BadStructure for anything not shaped as an export.
    """
    data = _field(task, "data", dict, "task")
    text = _field(data, TEXT_NAME, str, "data")
    metadata = {name: "" if data.get(name) is None else str(data[name]) for name in METADATA_FIELDS}
    targets = tuple(str(t) for t in _list(data.get("targets", []), "data.targets"))
    tags = tuple(str(t) for t in _list(data.get("tags", []), "data.tags"))
    regions: dict[str, dict[str, Any]] = {}
    surface: dict[str, str] = {}
    relations: list[Relation] = []
    for index, item in enumerate(_list(result, "result")):
        where = f"result[{index}]"
        kind = _field(item, "type", str, where)
        if kind == "relation":
            labels = _list(item.get("labels") or [], where + ".labels")
            relation_type = str(labels[0]) if labels else ""
            ends = str(_field(item, "from_id", (str, int), where)), str(_field(item, "to_id", (str, int), where))
            # An arrow drawn the other way round in the editor is stored as direction "left".
            source, target = ends[::-1] if item.get("direction") == "left" else ends
            relations.append(Relation(relation_type, source, target))
            continue
        region_id = str(_field(item, "id", (str, int), where))
        name = _field(item, "from_name", str, where)
        value = _field(item, "value", dict, where)
        region = regions.setdefault(region_id, {})
        if name in LAYERS:
            labels = _list(_field(value, "labels", list, where + ".value"), where)
            if len(labels) != 1 or not isinstance(labels[0], str):
                raise BadStructure(where, f"region {region_id} has labels {labels!r}, expected exactly one")
            if "label" in region:  # Label Studio keeps one region per id: two spans under one id is corruption
                raise BadStructure(where, f"a second labels result for region {region_id}")
            region.update(start=_field(value, "start", int, where + ".value"),
                          end=_field(value, "end", int, where + ".value"), label=labels[0])
            surface[region_id] = _field(value, "text", str, where + ".value")
        elif name in REGION_CONTROLS:
            region[name] = _control_value(name, value, where)
        else:
            raise BadStructure(where, f"from_name {name!r} is not a control of the SayWho labeling config")
    spans = []
    for region_id, attributes in regions.items():
        if "label" not in attributes:
            raise BadStructure(f"region {region_id}", "has attributes but no labels result")
        spans.append(Span(id=region_id, **attributes))
    doc = canonical(Document(**metadata, text=text, targets=targets, tags=tags,
                             spans=tuple(spans), relations=tuple(relations)))
    return doc, [(span, surface[span.id]) for span in doc.spans]


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise BadStructure(where, f"is {type(value).__name__}, expected a list")
    return value


def _control_value(name: str, value: dict[str, Any], where: str) -> Any:
    kind = REGION_CONTROLS[name][1]
    values = _list(_field(value, "text" if kind == "textarea" else "choices", list, where + ".value"), where)
    if len(values) != 1 or not isinstance(values[0], str):
        raise BadStructure(where, f"{name} has {values!r}, expected exactly one value")
    if name == NO_SPEAKER_FLAG:
        return values[0] == "yes"
    return values[0].strip() if kind == "textarea" else values[0]
