using Forewarn.Engine.Prevention;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Prevention;

/// <summary>
/// <c>GET /api/v1/prevention/knowledge</c> (every type's active guide, staff), <c>GET /api/v1/prevention/knowledge/{code}</c> (the active
/// guide and every version in both languages, with who proposed and approved it) and the citizens' side
/// <c>GET /api/v1/public/fraud-types</c>: names and plain warnings only.
/// </summary>
public static class ReadKnowledge
{
    public sealed record VersionView(int Version, string Status, string DescriptionZh, string DescriptionEn, IReadOnlyList<string> SignsZh,
        IReadOnlyList<string> SignsEn, string TargetsZh, string TargetsEn, string ScriptZh, string ScriptEn, string WarningZh, string WarningEn,
        string? Note, string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy, DateTimeOffset? DecidedAt);

    public sealed record Detail(KnowledgeBase.Guide Active, IReadOnlyList<VersionView> Versions);

    public sealed record CitizenWarning(string FraudType, string Name, string Warning, IReadOnlyList<string> Signs);

    public static async Task<Ok<List<KnowledgeBase.Guide>>> List(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await KnowledgeBase.AllActiveAsync(db, ct)).Select(KnowledgeBase.View).ToList());

    public static async Task<Results<Ok<Detail>, ProblemHttpResult>> Get(string code, AppDbContext db, CancellationToken ct)
    {
        if (await KnowledgeBase.ActiveAsync(db, code, ct) is not { } active)
        {
            return Problems.NotFound("没有这种诈骗类型", "No such fraud type");
        }
        var stored = await db.Set<FraudTypeGuide>().AsNoTracking().Where(g => g.FraudType == code).OrderByDescending(g => g.Version).ToListAsync(ct);
        var builtin = KnowledgeSeed.Builtin(code)!;
        if (stored.Any(g => g.Status is GuideStatus.Active or GuideStatus.Retired))
        {
            builtin.Status = GuideStatus.Retired;
        }
        var versions = stored.Append(builtin).Select(ViewOf).ToList();
        return TypedResults.Ok(new Detail(KnowledgeBase.View(active), versions));
    }

    public static async Task<Ok<List<CitizenWarning>>> Public(AppDbContext db, CancellationToken ct) =>
        TypedResults.Ok((await KnowledgeBase.AllActiveAsync(db, ct)).Select(KnowledgeBase.View)
            .Select(g => new CitizenWarning(g.FraudType, g.Name, g.Warning, g.Signs)).ToList());

    public static VersionView ViewOf(FraudTypeGuide g)
    {
        return new VersionView(g.Version, g.Status.ToString().ToLowerInvariant(), g.DescriptionZh, g.DescriptionEn, KnowledgeBase.Lines(g.SignsZh),
            KnowledgeBase.Lines(g.SignsEn), g.TargetsZh, g.TargetsEn, g.ScriptZh, g.ScriptEn, g.WarningZh, g.WarningEn, g.Note, g.ProposedBy,
            ListWarnings.Utc(g.ProposedAt), g.DecidedBy, g.DecidedAt is { } d ? ListWarnings.Utc(d) : null);
    }

    public static bool Known(string code) => FraudTypes.Find(code) is not null;
}
