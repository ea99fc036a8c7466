using System.Security.Claims;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>POST /api/v1/prevention/knowledge/{code}</c> <c>{ descriptionZh?, descriptionEn?, signsZh?: [..], signsEn?: [..], targetsZh?, targetsEn?,
/// scriptZh?, scriptEn?, warningZh?, warningEn?, note? }</c> — proposes a new version of a fraud type's guide. Fields left out keep the
/// active version's text. It takes effect only when a second person approves it.
/// </summary>
public static class ProposeGuide
{
    public sealed record Request(string? DescriptionZh, string? DescriptionEn, List<string>? SignsZh, List<string>? SignsEn, string? TargetsZh,
        string? TargetsEn, string? ScriptZh, string? ScriptEn, string? WarningZh, string? WarningEn, string? Note);

    public sealed record Response(string FraudType, int Version, string Status);

    public static async Task<Results<Created<Response>, ProblemHttpResult>> Handle(string code, Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        if (await KnowledgeBase.ActiveAsync(db, code, ct) is not { } active)
        {
            return Problems.NotFound("没有这种诈骗类型", "No such fraud type");
        }
        var errors = new Dictionary<string, string[]>();
        string Text(string? given, string current, string field, int max)
        {
            var value = given?.Trim() ?? current;
            if (value.Length == 0 || value.Length > max)
            {
                errors[field] = [L.T($"不能为空，且不超过{max}字", $"must not be empty and at most {max} characters")];
            }
            return value;
        }
        string Signs(List<string>? given, string current, string field)
        {
            var lines = given?.Select(s => s.Replace('\n', ' ').Trim()).Where(s => s.Length > 0).ToList();
            var value = lines is null ? current : string.Join('\n', lines);
            if (value.Length == 0 || value.Length > 4000)
            {
                errors[field] = [L.T("至少一条，总长不超过4000字", "at least one, at most 4000 characters in all")];
            }
            return value;
        }
        var row = new FraudTypeGuide
        {
            FraudType = code,
            Status = GuideStatus.Proposed,
            DescriptionZh = Text(request.DescriptionZh, active.DescriptionZh, "descriptionZh", 4000),
            DescriptionEn = Text(request.DescriptionEn, active.DescriptionEn, "descriptionEn", 4000),
            SignsZh = Signs(request.SignsZh, active.SignsZh, "signsZh"),
            SignsEn = Signs(request.SignsEn, active.SignsEn, "signsEn"),
            TargetsZh = Text(request.TargetsZh, active.TargetsZh, "targetsZh", 4000),
            TargetsEn = Text(request.TargetsEn, active.TargetsEn, "targetsEn", 4000),
            ScriptZh = Text(request.ScriptZh, active.ScriptZh, "scriptZh", 8000),
            ScriptEn = Text(request.ScriptEn, active.ScriptEn, "scriptEn", 8000),
            WarningZh = Text(request.WarningZh, active.WarningZh, "warningZh", 4000),
            WarningEn = Text(request.WarningEn, active.WarningEn, "warningEn", 4000),
            Note = request.Note is { Length: > 1000 } n ? n[..1000] : request.Note,
            ProposedBy = user.Identity?.Name ?? "unknown",
            ProposedAt = clock.GetUtcNow().UtcDateTime,
        };
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        // The unique (type, version) index turns a race between two proposers into a 409.
        row.Version = Math.Max(1, await db.Set<FraudTypeGuide>().Where(g => g.FraudType == code).MaxAsync(g => (int?)g.Version, ct) ?? 1) + 1;
        db.Add(row);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/prevention/knowledge/{code}", new Response(code, row.Version, "proposed"));
    }
}
