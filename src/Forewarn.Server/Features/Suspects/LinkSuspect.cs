using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>POST /api/v1/suspects/{id}/cases</c> <c>{ caseId }</c> and <c>POST /api/v1/suspects/{id}/indicators</c> <c>{ type, value }</c> — link a
/// suspect to a case or an indicator. Both ends must be in the caller's territory; linking twice changes nothing.
/// </summary>
public static class LinkSuspect
{
    public sealed record CaseRequest(long? CaseId);

    public sealed record IndicatorRequest(string? Type, string? Value);

    public static async Task<Results<Ok<ReadSuspects.SuspectView>, ProblemHttpResult>> Case(long id, CaseRequest request, AppDbContext db, CancellationToken ct)
    {
        if (request.CaseId is not { } caseId || !await db.Cases.AnyAsync(c => c.Id == caseId, ct))
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["caseId"] = [L.T("案件不存在或不在您的辖区内", "no such case in your jurisdiction")] });
        }
        if (!await db.Set<Suspect>().AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound();
        }
        if (!await db.Set<SuspectCase>().AnyAsync(l => l.SuspectId == id && l.CaseId == caseId, ct))
        {
            db.Add(new SuspectCase { SuspectId = id, CaseId = caseId });
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok((await ReadSuspects.ViewAsync(db, id, ct))!);
    }

    public static async Task<Results<Ok<ReadSuspects.SuspectView>, ProblemHttpResult>> Indicator(long id, IndicatorRequest request, AppDbContext db,
        CancellationToken ct)
    {
        if (CreateSuspect.ParseIndicator(request.Type, request.Value) is not { } link)
        {
            return Problems.Validation(new Dictionary<string, string[]> { ["value"] = [L.T("涉诈要素的类型或值无效", "invalid indicator type or value")] });
        }
        if (!await db.Set<Suspect>().AnyAsync(s => s.Id == id, ct))
        {
            return Problems.NotFound();
        }
        if (!await db.Set<SuspectIndicator>().AnyAsync(l => l.SuspectId == id && l.Type == link.Type && l.Value == link.Value, ct))
        {
            link.SuspectId = id;
            db.Add(link);
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok((await ReadSuspects.ViewAsync(db, id, ct))!);
    }
}
