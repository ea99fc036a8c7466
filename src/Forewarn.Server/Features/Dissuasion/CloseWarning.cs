using System.Security.Claims;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// <c>POST /api/v1/warnings/{id}/close</c> <c>{ outcome, loss?, stopped?, note? }</c> — 平台反馈: the outcome. An already
/// defrauded subject opens a case with the loss and the amount stopped.
/// </summary>
public static class CloseWarning
{
    public static readonly string[] Outcomes = ["dissuaded", "defrauded", "not_fraud", "unreachable", "refused", "transferred_out"];

    public sealed record Request(string? Outcome, decimal? Loss, decimal? Stopped, string? Note);

    public sealed record Response(long Id, string Status, string Outcome, long? CaseId);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, ClaimsPrincipal user,
        SeriesHolder series, TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Outcomes.Contains(request.Outcome))
        {
            errors["outcome"] = [L.T("结果应为 dissuaded、defrauded、not_fraud、unreachable、refused 或 transferred_out",
                "outcome must be dissuaded, defrauded, not_fraud, unreachable, refused or transferred_out")];
        }
        if (request.Outcome == "defrauded" && request.Loss is not > 0)
        {
            errors["loss"] = [L.T("已被骗须填写损失金额", "a defrauded outcome needs the loss")];
        }
        foreach (var (name, amount) in new[] { ("loss", request.Loss), ("stopped", request.Stopped) })
        {
            if (amount is { } a && (a < 0 || decimal.Round(a, 2) != a))
            {
                errors[name] = [L.T("金额应为非负数，最多两位小数", "amounts must be non-negative with at most two decimals")];
            }
        }
        if (request.Stopped > request.Loss)
        {
            errors["stopped"] = [L.T("止付金额不能大于损失金额", "stopped cannot exceed the loss")];
        }
        if (request.Outcome == "transferred_out" && string.IsNullOrWhiteSpace(request.Note))
        {
            errors["note"] = [L.T("移交市外须说明去向", "say where it was transferred")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var (warning, problem) = await WarningAction.LoadAsync(db, id, user, now, ct);
        if (problem is not null)
        {
            return problem;
        }
        if (request.Outcome == "unreachable" && !await db.Set<ContactAttempt>().AnyAsync(a => a.WarningId == id, ct))
        {
            return Problems.Conflict("尚无任何联系记录，不能以「无法联系」办结", "No contact attempt is recorded: it cannot be closed as unreachable");
        }
        if (WarningAction.Move(warning!, DissuasionStep.FedBack) is { } illegal)
        {
            return illegal;
        }
        var actor = WarningAction.Actor(user);
        warning!.Status = WarningStatus.Closed;
        warning.ClosedAt = now;
        warning.Outcome = request.Outcome;
        warning.LossFen = request.Loss is { } loss ? (long)(loss * 100) : null;
        warning.StoppedFen = request.Stopped is { } stopped ? (long)(stopped * 100) : null;
        warning.ClaimedBy = null;
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, WarningEventKinds.Closed, now, actor, new { outcome = request.Outcome, loss = request.Loss, stopped = request.Stopped, note = request.Note });
        Case? opened = null;
        if (request.Outcome == "defrauded")
        {
            opened = new Case
            {
                Title = $"预警 {warning.Id} 已被骗", FraudType = warning.FraudType, OccurredAt = warning.LastSignalAt, LossFen = warning.LossFen ?? 0,
                StoppedFen = warning.StoppedFen ?? 0, Narrative = request.Note, VictimKey = warning.SubjectKey, WarningId = warning.Id, Status = "open",
                UnitCode = warning.UnitCode, UnitPath = warning.UnitPath, CreatedAt = now, CreatedBy = actor,
            };
            db.Add(opened);
        }
        await db.SaveChangesAsync(ct);
        if (opened is not null)
        {
            // The counterparties the warning's signals recorded are the case's first indicators, so it joins its series at once.
            var counterparties = await db.Signals.Where(s => s.WarningId == id && s.CounterpartyType != null && s.Counterparty != null)
                .Select(s => new { s.CounterpartyType, s.Counterparty }).Distinct().ToListAsync(ct);
            await CreateCase.LinkAsync(db, series,
                opened.Id, [new CaseVictim { Name = warning.SubjectName ?? "—", Phone = warning.SubjectPhone, IdNumber = warning.SubjectIdNumber }],
                counterparties.Select(c => new CaseIndicator { Type = Indicators.IndicatorValue.Wire(c.CounterpartyType!.Value), Value = c.Counterparty! }), ct);
        }
        return TypedResults.Ok(new Response(warning.Id, "closed", request.Outcome!, opened?.Id));
    }
}
