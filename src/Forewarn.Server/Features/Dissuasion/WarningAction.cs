using System.Security.Claims;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// What every action on a warning checks first: it is in the caller's territory (else 404), still open, and not
/// claimed by someone else (else 409, naming who). Acting on an unclaimed warning claims it.
/// </summary>
public static class WarningAction
{
    public static async Task<(Warning? Warning, ProblemHttpResult? Problem)> LoadAsync(AppDbContext db, long id, ClaimsPrincipal user, DateTime now,
        CancellationToken ct, bool claim = true)
    {
        var warning = await db.Warnings.FirstOrDefaultAsync(w => w.Id == id, ct);
        if (warning is null)
        {
            return (null, Problems.NotFound());
        }
        if (warning.Status == WarningStatus.Closed)
        {
            return (null, Problems.Conflict("预警已办结，不能再操作", "The warning is closed"));
        }
        var me = Actor(user);
        if (warning.ClaimedBy is { } other && !string.Equals(other, me, StringComparison.Ordinal))
        {
            return (null, Problems.Conflict($"该预警正由 {other} 处理", $"{other} is working this warning"));
        }
        if (claim && warning.ClaimedBy is null)
        {
            warning.ClaimedBy = me;
            warning.ClaimedAt = now;
            WarningTimeline.Add(warning, WarningEventKinds.Claimed, now, me, new { });
        }
        return (warning, null);
    }

    /// <summary>Moves the warning's step along the flow, or answers 409 for an illegal transition.</summary>
    public static ProblemHttpResult? Move(Warning warning, DissuasionStep to)
    {
        if (DissuasionFlow.Advance(warning.Step, to) is not { } next)
        {
            return Problems.Conflict($"当前环节（{StepName(warning.Step)}）不能转到「{StepName(to)}」",
                $"Cannot go from {warning.Step} to {to}");
        }
        warning.Step = next;
        return null;
    }

    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    public static string StepName(DissuasionStep step) => step switch
    {
        DissuasionStep.New => "待签收",
        DissuasionStep.SignedFor => "已签收",
        DissuasionStep.Called => "电话劝阻",
        DissuasionStep.Assessed => "研判",
        DissuasionStep.Finding => "上门寻找",
        DissuasionStep.Verified => "核实身份",
        DissuasionStep.WarnedInPerson => "会面宣防",
        DissuasionStep.FedBack => "平台反馈",
        _ => step.ToString(),
    };

    public static string Wire(DissuasionStep step) => step switch
    {
        DissuasionStep.New => "new",
        DissuasionStep.SignedFor => "signed_for",
        DissuasionStep.Called => "called",
        DissuasionStep.Assessed => "assessed",
        DissuasionStep.Finding => "finding",
        DissuasionStep.Verified => "verified",
        DissuasionStep.WarnedInPerson => "warned_in_person",
        DissuasionStep.FedBack => "fed_back",
        _ => step.ToString(),
    };

    public sealed record StepResponse(long Id, string Step, string Status, string? ClaimedBy);

    public static StepResponse Answer(Warning w) => new(w.Id, Wire(w.Step), ListWarnings.WireStatus(w.Status), w.ClaimedBy);
}
