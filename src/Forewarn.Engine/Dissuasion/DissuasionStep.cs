namespace Forewarn.Engine.Dissuasion;

/// <summary>
/// Where a warning's dissuasion work stands (DESIGN §4): 签收 → 电话劝阻 → 研判 → 上门寻找 → 核实身份 → 会面宣防 → 平台反馈.
/// </summary>
public enum DissuasionStep
{
    /// <summary>Raised and routed, not yet acknowledged by its unit.</summary>
    New,
    /// <summary>签收: the unit has acknowledged the warning.</summary>
    SignedFor,
    /// <summary>电话劝阻: the subject (or a relative) has been phoned.</summary>
    Called,
    /// <summary>研判: an officer has assessed the case.</summary>
    Assessed,
    /// <summary>上门寻找: someone is on the way to find the subject.</summary>
    Finding,
    /// <summary>核实身份: the subject has been found and identified.</summary>
    Verified,
    /// <summary>会面宣防: the subject has been warned face to face.</summary>
    WarnedInPerson,
    /// <summary>平台反馈: the outcome is recorded and the warning is closed.</summary>
    FedBack,
}

/// <summary>The guarded transitions between steps. Anything not listed here is illegal (a 409 to the caller).</summary>
public static class DissuasionFlow
{
    private static readonly Dictionary<DissuasionStep, DissuasionStep[]> Next = new()
    {
        [DissuasionStep.New] = [DissuasionStep.SignedFor],
        [DissuasionStep.SignedFor] = [DissuasionStep.Called, DissuasionStep.Assessed, DissuasionStep.Finding, DissuasionStep.FedBack],
        [DissuasionStep.Called] = [DissuasionStep.Called, DissuasionStep.Assessed, DissuasionStep.Finding, DissuasionStep.FedBack],
        [DissuasionStep.Assessed] = [DissuasionStep.Called, DissuasionStep.Finding, DissuasionStep.FedBack],
        [DissuasionStep.Finding] = [DissuasionStep.Verified, DissuasionStep.Called, DissuasionStep.FedBack],
        [DissuasionStep.Verified] = [DissuasionStep.WarnedInPerson, DissuasionStep.FedBack],
        [DissuasionStep.WarnedInPerson] = [DissuasionStep.FedBack],
        [DissuasionStep.FedBack] = [],
    };

    /// <summary>True when work at <paramref name="from"/> may move to <paramref name="to"/>.</summary>
    public static bool CanMove(DissuasionStep from, DissuasionStep to) => Next[from].Contains(to);

    /// <summary>The steps that may follow <paramref name="from"/>.</summary>
    public static IReadOnlyList<DissuasionStep> After(DissuasionStep from) => Next[from];

    /// <summary>
    /// Moves forward, never back: a later call does not undo a visit, so recording a call after <see cref="DissuasionStep.Finding"/>
    /// keeps the step. Returns null when the move is illegal.
    /// </summary>
    public static DissuasionStep? Advance(DissuasionStep from, DissuasionStep to) =>
        !CanMove(from, to) ? null : to < from ? from : to;
}
