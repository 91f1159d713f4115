"""hindsight export on the demo lake, validated by the formats' own definitions:

- OCSF: every line is a Detection Finding (class 2004) valid against the JSON Schema that the OCSF 1.3.0 schema
  generates (ocsf-json-schema carries the released OCSF schemas), and names ATT&CK techniques;
- ASFF: every line is a Security Hub BatchImportFindings request valid against botocore's service model
  (required members, types, list limits), plus the ASFF rules the model does not carry (Types taxonomy,
  Severity labels, Title and Description lengths, 100 findings per request);
- SARIF: a 2.1.0 log whose results match the OCSF findings one to one.
"""
import json
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[4]
LAKE = os.environ.get("HINDSIGHT_DEMO_LAKE")

pytestmark = pytest.mark.skipif(not LAKE, reason="HINDSIGHT_DEMO_LAKE is not set (bin/test-python sets it)")


def export(tmp_path, fmt, *extra):
    out = tmp_path / f"findings.{fmt}"
    cmd = [str(ROOT / "bin" / "hindsight"), "export", "--lake", LAKE, "--from", "2000-01-01", "--to", "2100-12-31",
           "--format", fmt, "--out", str(out), *extra]
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=900)
    assert p.returncode == 0, p.stdout + p.stderr
    return out


def lines(path):
    return [json.loads(l) for l in path.read_text().splitlines() if l.strip()]


@pytest.fixture(scope="module")
def exports(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("exports")
    return {
        "ocsf": lines(export(tmp, "ocsf")),
        "asff": lines(export(tmp, "asff", "--aws-account", "123456789012", "--aws-region", "eu-west-1")),
        "sarif": json.loads(export(tmp, "sarif").read_text()),
    }


def test_ocsf_detection_findings_validate_against_the_ocsf_1_3_0_schema(exports):
    from jsonschema import Draft202012Validator
    from ocsf_json_schema import OcsfJsonSchemaEmbedded, get_ocsf_schema

    schema = OcsfJsonSchemaEmbedded(get_ocsf_schema(version="1.3.0"))
    assert schema.lookup_class_name_from_uid(2004) == "detection_finding"
    validator = Draft202012Validator(schema.get_class_schema("detection_finding"))
    events = exports["ocsf"]
    assert len(events) > 5
    for e in events:
        errors = sorted(validator.iter_errors(e), key=lambda x: list(x.path))
        assert not errors, [f"{list(x.path)}: {x.message}" for x in errors[:5]]
        assert e["class_uid"] == 2004 and e["type_uid"] == 200401 and e["metadata"]["version"] == "1.3.0"
        assert e["finding_info"]["attacks"], e["finding_info"]["uid"]
        for a in e["finding_info"]["attacks"]:
            assert a["technique"]["uid"].startswith("T1"), a
        assert e["evidences"], e["finding_info"]["uid"]


def test_asff_requests_validate_against_security_hub_batch_import_findings(exports):
    import botocore.session
    from botocore.validate import validate_parameters

    model = botocore.session.get_session().get_service_model("securityhub")
    shape = model.operation_model("BatchImportFindings").input_shape
    requests = exports["asff"]
    total = 0
    for request in requests:
        validate_parameters(request, shape)  # raises ParamValidationError listing every problem
        findings = request["Findings"]
        assert 1 <= len(findings) <= 100
        total += len(findings)
        for f in findings:
            assert f["SchemaVersion"] == "2018-10-08"
            assert f["ProductArn"] == "arn:aws:securityhub:eu-west-1:123456789012:product/123456789012/default"
            assert f["Severity"]["Label"] in {"INFORMATIONAL", "LOW", "MEDIUM", "HIGH", "CRITICAL"}
            assert len(f["Title"]) <= 256 and len(f["Description"]) <= 1024
            assert 1 <= len(f["Types"]) <= 50
            for t in f["Types"]:
                namespace = t.split("/")[0]
                assert namespace in {"Software and Configuration Checks", "TTPs", "Effects", "Unusual Behaviors",
                                     "Sensitive Data Identifications"}, t
                assert len(t.split("/")) == 3, t
            assert any(t.startswith(("TTPs/", "Effects/")) for t in f["Types"]), f["Types"]
            assert len(f["AwsAccountId"]) == 12 and f["AwsAccountId"].isdigit()
    assert total == len(exports["ocsf"])


def test_sarif_results_match_the_findings(exports):
    log = exports["sarif"]
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    results = run["results"]
    assert len(results) == len(exports["ocsf"])
    ids = {e["finding_info"]["uid"] for e in exports["ocsf"]}
    assert {r["partialFingerprints"]["hindsightFindingId/v1"] for r in results} == ids
    for r in results:
        assert rules[r["ruleIndex"]] == r["ruleId"]
        assert r["level"] in {"error", "warning", "note"}
        assert any(t.startswith("external/mitre/attack/T1") for t in r["properties"]["tags"])
