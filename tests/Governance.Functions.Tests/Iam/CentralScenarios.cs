using System.Text.Json.Nodes;
using Governance.Core.Routing;
using static Governance.Functions.Tests.Iam.Principals;
using O = Governance.Functions.Tests.Iam.IamOrganisation;

namespace Governance.Functions.Tests.Iam;

/// <summary>Scenarios inside the central account: alarms, notifications, the ledger, anchoring, pipelines.</summary>
public static class CentralScenarios
{
    private static readonly string AlarmArn = $"arn:aws:cloudwatch:{O.Region}:{O.Central}:alarm:governance-RegistrySyncErrorsAlarm";

    public static IEnumerable<PermissionScenario> All
    {
        get
        {
            var alarm = Context(("aws:SourceAccount", O.Central), ("aws:SourceArn", AlarmArn));
            var foreignAlarm = Context(("aws:SourceAccount", O.Outsider), ("aws:SourceArn", $"arn:aws:cloudwatch:{O.Region}:{O.Outsider}:alarm:x"));
            yield return new("CloudWatch publishes an alarm to the alarm topic", true, "AlarmTopicPolicy admits cloudwatch for this account's alarms",
                org => IamRequest.Build(Caller.Service("cloudwatch.amazonaws.com"), "sns:Publish", AlarmTopic(org), alarm));
            yield return new("CloudWatch encrypts with the alarm topic key", true, "AlarmTopicKey admits cloudwatch for this account's alarms",
                org => IamRequest.Build(Caller.Service("cloudwatch.amazonaws.com"), "kms:GenerateDataKey", AlarmKey(org), alarm));
            yield return new("CloudWatch decrypts with the alarm topic key", true, "AlarmTopicKey admits cloudwatch for this account's alarms",
                org => IamRequest.Build(Caller.Service("cloudwatch.amazonaws.com"), "kms:Decrypt", AlarmKey(org), alarm));
            yield return new("CloudWatch publishes another account's alarm", false, "aws:SourceAccount must be this account (confused deputy)",
                org => IamRequest.Build(Caller.Service("cloudwatch.amazonaws.com"), "sns:Publish", AlarmTopic(org), foreignAlarm));
            yield return new("CloudWatch would encrypt with the AWS managed aws/sns key", false, "that key's fixed policy admits only this account's principals via SNS: why the alarm topic has its own key",
                _ => IamRequest.Build(Caller.Service("cloudwatch.amazonaws.com"), "kms:GenerateDataKey", SnsManagedKey(), alarm));
            yield return new("CloudWatch publishes to a topic with only the default policy", false, "the default topic policy admits AWS principals of the owner account, not a service principal",
                _ => IamRequest.Build(Caller.Service("cloudwatch.amazonaws.com"), "sns:Publish", new Target(O.AlarmTopicArn, O.Central, O.OrgId, ImplicitPolicies.DefaultTopicPolicy(O.AlarmTopicArn, O.Central)), alarm));

            foreach (var writer in Writers)
            {
                yield return new($"{writer} publishes a notification", true, "its Notify statement (the topic keeps the default policy)",
                    org => IamRequest.Build(Function(org, writer), "sns:Publish", new Target(O.NotificationTopicArn, O.Central, O.OrgId, ImplicitPolicies.DefaultTopicPolicy(O.NotificationTopicArn, O.Central))));
                yield return new($"{writer} encrypts a notification with aws/sns through SNS", true, "the AWS managed key admits this account's principals through SNS",
                    org => IamRequest.Build(Function(org, writer), "kms:GenerateDataKey", SnsManagedKey(), Context(("kms:ViaService", $"sns.{O.Region}.amazonaws.com"), ("kms:CallerAccount", O.Central))));
                foreach (var (what, key) in new[]
                {
                    ("an event record", "NODE#ModelPackage#arn:aws:sagemaker:us-east-1:111111111111:model-package/credit-risk/3"),
                    ("a head or node record", "NODE#ModelVersion#credit-risk/3"),
                    ("an edge record", "NODE#Endpoint#arn:aws:sagemaker:us-east-1:111111111111:endpoint/churn"),
                    ("an item of the retired IDEM# prefix", $"IDEM#{writer}#event-1"),
                    ("an item keyed by the pending-outbox index's partition", "OUTBOX#PENDING"),
                })
                {
                    yield return new($"{writer} deletes {what}", false, "DeleteItem only where dynamodb:LeadingKeys are the effect ledger's (EFFECT#…)",
                        org => IamRequest.Build(Function(org, writer), "dynamodb:DeleteItem", Ledger, Keys(key)));
                    yield return new($"{writer} updates {what}", false, "UpdateItem only where dynamodb:LeadingKeys are the effect ledger's (EFFECT#…)",
                        org => IamRequest.Build(Function(org, writer), "dynamodb:UpdateItem", Ledger, Keys(key)));
                }

                yield return new($"{writer} queues an outbox message in the append transaction", true, "LedgerAppend (the transaction's conditional put)",
                    org => IamRequest.Build(Function(org, writer), "dynamodb:PutItem", Ledger, Keys("EFFECT#event-1")));
                yield return new($"{writer} marks an outbox message sent", true, "EffectRecordsOnly",
                    org => IamRequest.Build(Function(org, writer), "dynamodb:UpdateItem", Ledger, Keys("EFFECT#event-1")));
                yield return new($"{writer} completes an effect claim", true, "EffectRecordsOnly",
                    org => IamRequest.Build(Function(org, writer), "dynamodb:UpdateItem", Ledger, Keys("EFFECT#arn:aws:sagemaker:us-east-1:111111111111:model-package/credit-risk/3")));
                yield return new($"{writer} releases an effect claim", true, "EffectRecordsOnly (a failed claim is released)",
                    org => IamRequest.Build(Function(org, writer), "dynamodb:DeleteItem", Ledger, Keys("EFFECT#event-1")));
                yield return new($"{writer} appends a record", true, "LedgerAppend (conditional puts)",
                    org => IamRequest.Build(Function(org, writer), "dynamodb:PutItem", Ledger, Keys("NODE#ModelVersion#credit-risk/3")));
            }

            foreach (var action in new[] { "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem" })
            {
                yield return new($"LineageApi {action}", false, "LineageApi only reads",
                    org => IamRequest.Build(Function(org, HandlerNames.LineageApi), action, Ledger, Keys("EFFECT#event-1")));
            }

            yield return new("LineageApi queries the ledger", true, "LedgerRead", org => IamRequest.Build(Function(org, HandlerNames.LineageApi), "dynamodb:Query", Ledger, Keys("NODE#ModelVersion#credit-risk/3")));

            var digest = new Target($"arn:aws:s3:::{O.DigestBucket}/digests/2026/11/01/000000000042.json", O.Central, O.OrgId, null);
            var conditional = new Dictionary<string, JsonNode> { ["s3:if-none-match"] = "*" };
            yield return new("LedgerAnchor puts a new digest (If-None-Match: *)", true, "PutNewDigestsOnly",
                org => IamRequest.Build(Function(org, "LedgerAnchor"), "s3:PutObject", digest, conditional));
            yield return new("LedgerAnchor puts a digest without If-None-Match", false, "PutNewDigestsOnly requires the conditional write: no second version of a key",
                org => IamRequest.Build(Function(org, "LedgerAnchor"), "s3:PutObject", digest));
            yield return new("LedgerAnchor reads an archived digest", true, "ReadArchivedDigests (a run that finds its number taken)",
                org => IamRequest.Build(Function(org, "LedgerAnchor"), "s3:GetObject", digest));
            yield return new("LedgerAnchor deletes a digest", false, "it may only put objects (and Object Lock refuses deletes anyway)", org => IamRequest.Build(Function(org, "LedgerAnchor"), "s3:DeleteObject", digest));
            yield return new("LedgerAnchor shortens a digest's retention", false, "no retention action is granted; the bucket policy denies it to everyone",
                org => IamRequest.Build(Function(org, "LedgerAnchor"), "s3:PutObjectRetention", digest));
            yield return new("Central administrator shortens a digest's retention", false, "LedgerDigestBucketPolicy's DenyShorterRetention",
                org => IamRequest.Build(Admin(O.Central), "s3:PutObjectRetention", digest with { Policy = org.CentralResourcePolicy("LedgerDigestBucketPolicy", "PolicyDocument") }));
            yield return new("LedgerAnchor queries the heads index", true, "ReadChainHeads", org => IamRequest.Build(Function(org, "LedgerAnchor"), "dynamodb:Query", Ledger with { Arn = O.TableArn + "/index/Heads" }));
            yield return new("LedgerAnchor moves the digest head", true, "ReadAndMoveTheDigestHead", org => IamRequest.Build(Function(org, "LedgerAnchor"), "dynamodb:PutItem", Ledger, Keys("ANCHOR#DIGEST")));
            yield return new("LedgerAnchor writes a ledger record", false, "its writes are limited to the digest head", org => IamRequest.Build(Function(org, "LedgerAnchor"), "dynamodb:PutItem", Ledger, Keys("NODE#ModelVersion#credit-risk/3")));

            var pipelines = $"arn:aws:sagemaker:{O.Region}:{O.Central}:pipeline";
            yield return new("DeploymentTrigger starts a routed SageMaker pipeline", true, "StartTheRoutedSageMakerPipelines names config/routing.json's pipelines",
                org => IamRequest.Build(Function(org, HandlerNames.DeploymentTrigger), "sagemaker:StartPipelineExecution", new Target($"{pipelines}/model-deployment", O.Central, O.OrgId, null)));
            yield return new("DeploymentTrigger starts another SageMaker pipeline", false, "not in config/routing.json",
                org => IamRequest.Build(Function(org, HandlerNames.DeploymentTrigger), "sagemaker:StartPipelineExecution", new Target($"{pipelines}/data-export", O.Central, O.OrgId, null)));
            yield return new("LineageApi reads its page-token key", true, "ReadThePageTokenKey: GetSecretValue on that one secret",
                org => IamRequest.Build(Function(org, HandlerNames.LineageApi), "secretsmanager:GetSecretValue", new Target(O.PageTokenSecretArn, O.Central, O.OrgId, null)));
            yield return new("LineageApi reads another secret of the account", false, "its policy names the page-token secret only",
                org => IamRequest.Build(Function(org, HandlerNames.LineageApi), "secretsmanager:GetSecretValue",
                    new Target($"arn:aws:secretsmanager:{O.Region}:{O.Central}:secret:database-password-XyZ123", O.Central, O.OrgId, null)));
            yield return new("RegistrySync reads the page-token key", false, "only the lineage API's role is granted it",
                org => IamRequest.Build(Function(org, HandlerNames.RegistrySync), "secretsmanager:GetSecretValue", new Target(O.PageTokenSecretArn, O.Central, O.OrgId, null)));
            yield return new("DeploymentTrigger starts another CodePipeline", false, "not in config/routing.json",
                org => IamRequest.Build(Function(org, HandlerNames.DeploymentTrigger), "codepipeline:StartPipelineExecution", new Target($"arn:aws:codepipeline:{O.Region}:{O.Central}:infra-release", O.Central, O.OrgId, null)));
        }
    }

    private static Target AlarmTopic(O org) => new(O.AlarmTopicArn, O.Central, O.OrgId, org.CentralResourcePolicy("AlarmTopicPolicy", "PolicyDocument"));

    private static Target AlarmKey(O org) => new(O.AlarmTopicKeyArn, O.Central, O.OrgId, org.CentralResourcePolicy("AlarmTopicKey", "KeyPolicy"));

    private static Target SnsManagedKey() => new(O.AwsSnsKeyArn, O.Central, O.OrgId, ImplicitPolicies.AwsManagedSnsKeyPolicy(O.Central, O.Region));

    private static Dictionary<string, JsonNode> Keys(string partitionKey) => new() { ["dynamodb:LeadingKeys"] = new JsonArray(partitionKey) };

    private static Dictionary<string, JsonNode> Context(params (string Key, string Value)[] pairs) =>
        pairs.ToDictionary(pair => pair.Key, pair => (JsonNode)pair.Value);
}
