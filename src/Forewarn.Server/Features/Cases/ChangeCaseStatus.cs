using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Cases;

/// <summary>
/// <c>POST /api/v1/cases/{id}/status</c> <c>{ status: "solved"|"closed", at?, note? }</c> — solves (破案) or closes (结案) a case,
/// recording when it happened (default now) and who recorded it. Open → solved → closed, or open → closed; anything else is a 409.
/// </summary>
public static class ChangeCaseStatus
{
    public sealed record Request(string? Status, string? At, string? Note);

    public sealed record Response(long Id, string Status, DateTimeOffset? SolvedAt, DateTimeOffset? ClosedAt);

    public static async Task<Results<Ok<Response>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.Status is not (CaseStatus.Solved or CaseStatus.Closed))
        {
            errors["status"] = [L.T("status 应为 solved（破案）或 closed（结案）", "status must be solved or closed")];
        }
        var at = now;
        if (request.At is not null && (!Jurisdiction.TryTime(request.At, out at) || at > now.AddMinutes(5)))
        {
            errors["at"] = [L.T("时间无效或在未来", "invalid time, or in the future")];
        }
        if (request.Note?.Length > 2000)
        {
            errors["note"] = [L.T("备注不能超过2000字", "note must be at most 2000 characters")];
        }
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var c = await db.Cases.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (c is null)
        {
            return Problems.NotFound();
        }
        if (!CaseStatus.CanMove(c.Status, request.Status!))
        {
            return Problems.Conflict($"案件状态不能从“{CaseStatus.ChineseName(c.Status)}”改为“{CaseStatus.ChineseName(request.Status!)}”",
                $"A case cannot move from {c.Status} to {request.Status}");
        }
        if (at < c.OccurredAt)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["at"] = [L.T("时间早于案发时间", "before the case occurred")] });
        }
        db.Add(new CaseStatusChange
        {
            CaseId = c.Id, From = c.Status, To = request.Status!, At = at, RecordedAt = now, By = Jurisdiction.Actor(user), Note = request.Note, UnitPath = c.UnitPath,
        });
        c.Status = request.Status!;
        if (c.Status == CaseStatus.Solved)
        {
            c.SolvedAt = at;
        }
        else
        {
            c.ClosedAt = at;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new Response(c.Id, c.Status, ListCases.Utc(c.SolvedAt), ListCases.Utc(c.ClosedAt)));
    }
}
