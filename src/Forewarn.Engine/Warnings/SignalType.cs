namespace Forewarn.Engine.Warnings;

/// <summary>The kind of a signal (信号) about a subject.</summary>
public enum SignalType
{
    /// <summary>A pre-graded clue (线索) from the national center, an operator or a bank.</summary>
    Clue,
    /// <summary>A voice call with the counterparty.</summary>
    Call,
    /// <summary>An SMS from the counterparty.</summary>
    Sms,
    /// <summary>The subject installed an app.</summary>
    AppInstall,
    /// <summary>The subject visited a URL.</summary>
    UrlVisit,
    /// <summary>The subject transferred money to an account.</summary>
    Transfer,
    /// <summary>A screen-sharing session with the counterparty.</summary>
    ScreenShare,
}
