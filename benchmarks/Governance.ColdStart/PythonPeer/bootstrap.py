"""The Python peer of the cold-start benchmark: what a Python function on Lambda does before its first answer.

It imports boto3 and creates the SageMaker, SNS and DynamoDB clients at INIT (as Python handlers do at module
level), then polls the Lambda Runtime API, parses each event and posts a response naming what it parsed. It
calls no AWS service, like the .NET ignore-path events it is compared with. Written for the benchmark only.
"""
import json
import os
import urllib.request

import boto3

sagemaker = boto3.client("sagemaker")
sns = boto3.client("sns")
dynamodb = boto3.client("dynamodb")

RUNTIME = "http://" + os.environ["AWS_LAMBDA_RUNTIME_API"] + "/2018-06-01/runtime/invocation/"


def handle(event):
    detail_type = event.get("detail-type") or event.get("routeKey")
    event_id = event.get("id") or event.get("requestContext", {}).get("requestId")
    return {"peer": "python", "outcome": "ignored", "detailType": detail_type, "eventId": event_id}


while True:
    with urllib.request.urlopen(RUNTIME + "next") as invocation:
        request_id = invocation.headers["Lambda-Runtime-Aws-Request-Id"]
        event = json.loads(invocation.read())
    body = json.dumps(handle(event)).encode()
    posted = urllib.request.Request(RUNTIME + request_id + "/response", data=body, method="POST")
    urllib.request.urlopen(posted).read()
