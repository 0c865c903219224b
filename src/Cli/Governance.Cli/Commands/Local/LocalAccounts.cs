namespace Governance.Cli.Commands.Local;

/// <summary>The emulated organisation <c>governance local up</c> builds: names and ids in one place.</summary>
public static class LocalAccounts
{
    public const string Region = "us-east-1";
    public const string CentralAccount = "123456789012";
    public const string TeamAccount = "111111111111";
    public const string TeamAdminRole = "OrganizationAccountAccessRole";

    /// <summary>Who <c>local approve</c> approves as: a data scientist in the team account, a model risk manager centrally.</summary>
    public const string TeamApproverRole = "DataScientist";
    public const string TeamApproverSession = "jane.doe";
    public const string RiskManagerRole = "ModelRiskManager";
    public const string RiskManagerSession = "alex.smith";
    public const string ReaderRole = "GovernanceModelReader";
    public const string Table = "governance-ledger";
    public const string Topic = "governance-notifications";
    public const string SubscriberQueue = "credit-risk-team-alerts";
    public const string CentralBucket = "governance-models-" + CentralAccount;
    public const string DeploymentPipeline = "model-deployment";
    public const string PageTokenSecret = "governance-page-token-key";
    public const string TeamBucket = "credit-risk-ml-artifacts-" + TeamAccount;
    public const string TeamGroup = "credit-risk";
    public const string Team = "credit-risk";

    public static string TeamRoleArn(string role) => $"arn:aws:iam::{TeamAccount}:role/{role}";
}
