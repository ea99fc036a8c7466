using System.Security.Claims;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// <c>POST /api/v1/warnings/{id}/transfer</c> <c>{ unitCode, reason }</c> — "the person is in another district": re-routes
/// the warning (and everything recorded about it) to another unit, which must sign for it again. The timeline keeps
/// every hop. Transferring out of the city closes it as <c>transferred_out</c> with <c>/close</c> instead.
/// </summary>
public static class TransferWarning
{
    public sealed record Request(string? UnitCode, string? Reason);

    public static async Task<Results<Ok<WarningAction.StepResponse>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db,
        TerritoryResolver territory, ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Reason) || request.Reason.Length > 500)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["reason"] = [L.T("必须说明移交原因", "a reason is required")] });
        }
        var map = await territory.GetMapAsync(ct);
        if (request.UnitCode is null || map.Find(request.UnitCode) is not { } target)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["unitCode"] = [L.T("目标单位不存在", "no such unit")] });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct, claim: false);
        if (problem is not null)
        {
            return problem;
        }
        if (warning!.UnitCode == target.Code)
        {
            return Problems.Conflict("预警已在该单位", "The warning is already with that unit");
        }
        var from = warning.UnitCode;
        var actor = WarningAction.Actor(user);
        WarningTimeline.Add(warning, WarningEventKinds.Transferred, now, actor, new { from, to = target.Code, reason = request.Reason });
        warning.UnitCode = target.Code;
        warning.UnitPath = target.UnitPath;
        warning.RouteRule = "transfer";
        warning.RouteEvidence = from;
        warning.Step = DissuasionStep.New;
        warning.ClaimedBy = null;
        warning.ClaimedAt = null;
        warning.SignedForAt = null;
        warning.SignedForBy = null;
        warning.Revision = Guid.NewGuid();
        foreach (var entry in warning.Timeline)
        {
            entry.UnitPath = target.UnitPath;
        }
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        // Everything recorded about the warning follows it, so the new unit sees the whole history and the old one no longer does.
        await db.WarningEvents.IgnoreQueryFilters().Where(e => e.WarningId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitPath, target.UnitPath), ct);
        await db.Signals.IgnoreQueryFilters().Where(e => e.WarningId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitPath, target.UnitPath), ct);
        await db.Set<ContactAttempt>().IgnoreQueryFilters().Where(e => e.WarningId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitPath, target.UnitPath), ct);
        await db.Set<Visit>().IgnoreQueryFilters().Where(e => e.WarningId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitPath, target.UnitPath), ct);
        await db.Set<OutboundRequest>().IgnoreQueryFilters().Where(e => e.WarningId == id).ExecuteUpdateAsync(s => s.SetProperty(e => e.UnitPath, target.UnitPath), ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(WarningAction.Answer(warning));
    }
}
