using System.Security.Claims;
using Forewarn.Engine.Dissuasion;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// <c>POST /api/v1/warnings/{id}/contact-attempts</c> <c>{ channel, result, note? }</c> — one line of the ledger. When the
/// subject could not be reached, the answer offers the relatives and guardians on file.
/// </summary>
public static class RecordContactAttempt
{
    public sealed record Request(string? Channel, string? Result, string? Note);

    public sealed record RelativeView(long Id, string Name, string Relation, string? Phone);

    public sealed record Response(long AttemptId, string Step, bool Reached, IReadOnlyList<RelativeView> Relatives);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (!ContactAttempt.Channels.Contains(request.Channel))
        {
            errors["channel"] = [L.T("渠道应为 call、robocall、sms、visit、relative、operator 或 bank", "channel must be call, robocall, sms, visit, relative, operator or bank")];
        }
        if (!ContactAttempt.Results.Contains(request.Result))
        {
            errors["result"] = [L.T("结果应为 reached、busy、no_answer、wrong_number 或 refused", "result must be reached, busy, no_answer, wrong_number or refused")];
        }
        if (request.Note?.Length > 1000)
        {
            errors["note"] = [L.T("备注不能超过1000字", "note must be at most 1000 characters")];
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
        var to = request.Channel == "visit" ? DissuasionStep.Finding : DissuasionStep.Called;
        if (WarningAction.Move(warning!, to) is { } illegal)
        {
            return illegal;
        }
        var actor = WarningAction.Actor(user);
        var attempt = new ContactAttempt
        {
            WarningId = warning!.Id, Channel = request.Channel!, Result = request.Result!, At = now, By = actor, Note = request.Note, UnitPath = warning.UnitPath,
        };
        db.Add(attempt);
        warning.FirstContactAt ??= now;
        var reached = request.Result == "reached";
        if (reached)
        {
            warning.ReachedAt ??= now;
        }
        warning.Revision = Guid.NewGuid();
        WarningTimeline.Add(warning, WarningEventKinds.ContactAttempt, now, actor, new { channel = request.Channel, result = request.Result });
        await db.SaveChangesAsync(ct);

        List<RelativeView> relatives = [];
        if (!reached)
        {
            relatives = (await db.Set<Relative>().AsNoTracking().Where(r => r.SubjectKey == warning.SubjectKey).ToListAsync(ct))
                .Select(r => new RelativeView(r.Id, r.Name, r.Relation, Mask.Phone(r.Phone))).ToList();
        }
        return TypedResults.Ok(new Response(attempt.Id, WarningAction.Wire(warning.Step), reached, relatives));
    }
}
