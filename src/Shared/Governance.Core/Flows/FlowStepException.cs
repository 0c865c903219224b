namespace Governance.Core.Flows;

/// <summary>
/// A step of a flow could not be done; the message says which and why in words an operator can act on
/// (the role, the URI, the package). <see cref="Retryable"/> tells whether delivering the event again can succeed
/// without anyone changing anything.
/// </summary>
public class FlowStepException : Exception
{
    public FlowStepException()
    {
    }

    public FlowStepException(string message)
        : base(message)
    {
    }

    public FlowStepException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FlowStepException(string message, bool retryable, Exception? innerException = null)
        : base(message, innerException) => Retryable = retryable;

    public bool Retryable { get; init; }
}

/// <summary>
/// The flow failed; the invocation must fail so EventBridge/Lambda deliver the event again (or dead-letter it).
/// The message names the event, the step and the reason.
/// </summary>
public sealed class FlowFailedException : Exception
{
    public FlowFailedException()
    {
    }

    public FlowFailedException(string message)
        : base(message)
    {
    }

    public FlowFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FlowFailedException(string message, string step, bool retryable, Exception? innerException = null)
        : base(message, innerException)
    {
        Step = step;
        Retryable = retryable;
    }

    public string Step { get; } = string.Empty;

    public bool Retryable { get; }

    /// <summary>The failure of <paramref name="flow"/> at <paramref name="step"/>, from what was thrown there: retryable when the step said so.</summary>
    public static FlowFailedException At(string flow, string subject, string eventId, string step, Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var retryable = exception is FlowStepException { Retryable: true } or FlowFailedException { Retryable: true };
        return new FlowFailedException($"{flow} of {subject} (event {eventId}) failed at step '{step}': {ReasonOf(exception)}", step, retryable, exception);
    }

    /// <summary>What went wrong in words: a step's own message, else the exception's type and message.</summary>
    public static string ReasonOf(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception is FlowStepException or FlowFailedException ? exception.Message : exception.GetType().Name + ": " + exception.Message;
    }
}
