"""Puts events on a moto EventBridge bus whose rules come from a deployed template, and reports which
rules delivered each event to their SQS target.

Usage: python3 rule_deliveries.py ENDPOINT TEMPLATE_JSON CENTRAL_ACCOUNT EVENT_FILE...
Prints one JSON object: {"<event file>": ["<rule logical id>", ...] | "not an EventBridge event"}.
The rules are those of the template that sit on the governance bus; `AWS::AccountId` in their patterns is
replaced by CENTRAL_ACCOUNT, so running with moto's own account as CENTRAL_ACCOUNT replays the events as
central-account events and any other account replays them as team-account events (PutEvents stamps the
caller's account on every event, as AWS does).
"""
import json
import sys
import uuid

import boto3


def resolve(node, account):
    if isinstance(node, dict):
        if node == {"Ref": "AWS::AccountId"}:
            return account
        return {key: resolve(value, account) for key, value in node.items()}
    if isinstance(node, list):
        return [resolve(item, account) for item in node]
    return node


def main() -> None:
    endpoint, template_path, central_account, *event_files = sys.argv[1:]
    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name="us-east-1")
    events = session.client("events", endpoint_url=endpoint)
    sqs = session.client("sqs", endpoint_url=endpoint)

    template = json.load(open(template_path, encoding="utf-8"))
    bus = "governance-" + uuid.uuid4().hex[:12]
    events.create_event_bus(Name=bus)
    queues = {}
    for logical_id, resource in template["Resources"].items():
        properties = resource.get("Properties", {})
        if resource["Type"] != "AWS::Events::Rule" or properties.get("EventBusName") != {"Ref": "GovernanceBus"}:
            continue
        rule_name = f"{bus}-{logical_id}"[:64]
        events.put_rule(Name=rule_name, EventBusName=bus, EventPattern=json.dumps(resolve(properties["EventPattern"], central_account)))
        queue_url = sqs.create_queue(QueueName=rule_name[:80])["QueueUrl"]
        queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        events.put_targets(Rule=rule_name, EventBusName=bus, Targets=[{"Id": "queue", "Arn": queue_arn}])
        queues[logical_id] = queue_url

    report = {}
    for path in event_files:
        event = json.load(open(path, encoding="utf-8"))
        if "detail-type" not in event or "source" not in event:
            report[path] = "not an EventBridge event"
            continue
        source = event["source"][0] if isinstance(event["source"], list) else event["source"]
        entry = {"Source": source, "DetailType": event["detail-type"], "Detail": json.dumps(event.get("detail", {})), "EventBusName": bus}
        if isinstance(event.get("resources"), list):
            entry["Resources"] = [r for r in event["resources"] if isinstance(r, str)]
        result = events.put_events(Entries=[entry])
        if result.get("FailedEntryCount"):
            report[path] = "put failed: " + json.dumps(result["Entries"])
            continue
        delivered = []
        for logical_id, queue_url in queues.items():
            messages = sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10, WaitTimeSeconds=0).get("Messages", [])
            for message in messages:
                sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
            if messages:
                delivered.append(logical_id)
        report[path] = sorted(delivered)
    json.dump(report, sys.stdout)


if __name__ == "__main__":
    main()
