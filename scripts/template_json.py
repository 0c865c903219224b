"""Prints a SAM template as CloudFormation JSON after the SAM transform (what CloudFormation deploys).

Usage: python3 scripts/template_json.py TEMPLATE [--raw]
  --raw   print the template as written (short-form intrinsics expanded), without the transform.
Templates without a Transform are printed as written.
Uses the cfn-lint and aws-sam-translator packages that `pip install cfn-lint` brings.
"""
import json
import os
import sys

from cfnlint.decode import decode


class NoManagedPolicies:
    """The templates attach only inline policies; no IAM lookup is needed or wanted."""

    def load(self):
        return {}


def main() -> None:
    path = sys.argv[1]
    template, matches = decode(path)
    if matches:
        for match in matches:
            print(match, file=sys.stderr)
        sys.exit(2)
    if "--raw" not in sys.argv and template.get("Transform"):
        os.environ.setdefault("AWS_DEFAULT_REGION", "us-east-1")
        from samtranslator.translator.transform import transform

        # Like `sam package`, point local code at an S3 location so the transform accepts it.
        globals_function = template.get("Globals", {}).get("Function", {})
        if isinstance(globals_function.get("CodeUri"), str):
            globals_function["CodeUri"] = "s3://package-bucket/code.zip"
        for resource in template.get("Resources", {}).values():
            properties = resource.get("Properties", {})
            if resource.get("Type") == "AWS::Serverless::Function" and isinstance(properties.get("CodeUri"), str):
                properties["CodeUri"] = "s3://package-bucket/code.zip"

        template = transform(template, {"AWS::Region": "us-east-1", "AWS::AccountId": "123456789012"}, NoManagedPolicies())
    json.dump(template, sys.stdout, indent=1, default=str)


if __name__ == "__main__":
    main()
