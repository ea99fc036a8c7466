using System.Security.Claims;
using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Rules;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary>
/// The dissuasion policy's versions: <c>GET /api/v1/policies</c>; <c>POST /api/v1/policies</c>
/// <c>{ "limits": { "special": { "signFor": "00:01:00", "firstContact": "00:05:00", "faceToFace": "00:30:00" }, … } }</c> proposes;
/// <c>POST /api/v1/policies/{version}/approve</c> by a second person makes it active (deadlines and the SLA monitor follow).
/// </summary>
public static class ChangePolicy
{
    public sealed record Request(JsonElement? Limits);

    public sealed record Version(int Number, string Status, JsonElement Limits, string ProposedBy, string? DecidedBy);

    public sealed record Response(int ActiveVersion, JsonElement Active, IReadOnlyList<Version> Versions);

    public static async Task<Ok<Response>> List(AppDbContext db, PolicyBook book, CancellationToken ct)
    {
        var active = await book.CurrentAsync(ct);
        var rows = await db.Policies.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct);
        return TypedResults.Ok(new Response(active.Version, Parse(PolicyBook.ToJson(active)),
            rows.Select(r => new Version(r.Version, r.Status.ToString().ToLowerInvariant(), Parse(r.Json), r.ProposedBy, r.DecidedBy)).ToList()));
    }

    public static async Task<Results<Created<ProposeRules.Response>, ProblemHttpResult>> Propose(Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        var next = Math.Max(1, await db.Policies.MaxAsync(r => (int?)r.Version, ct) ?? 1) + 1;
        if (request.Limits is not { ValueKind: JsonValueKind.Object } limits || PolicyBook.Read(next, limits.GetRawText()) is not { } policy)
        {
            return Problems.BadRequest("limits 须为每个等级给出 signFor ≤ firstContact ≤ faceToFace 的正时长",
                "limits must give every level positive durations with signFor ≤ firstContact ≤ faceToFace");
        }
        db.Policies.Add(new PolicyRow
        {
            Version = next, Json = PolicyBook.ToJson(policy), Status = RuleSetStatus.Proposed, ProposedBy = user.Identity?.Name ?? "unknown",
            ProposedAt = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/policies/{next}", new ProposeRules.Response(next, "proposed"));
    }

    public static async Task<Results<Ok<ProposeRules.Response>, ProblemHttpResult>> Approve(int version, AppDbContext db, ClaimsPrincipal user,
        PolicyBook book, TimeProvider clock, CancellationToken ct)
    {
        var row = await db.Policies.FirstOrDefaultAsync(r => r.Version == version, ct);
        if (row is null)
        {
            return Problems.NotFound("策略版本不存在", "No such policy version");
        }
        if (row.Status != RuleSetStatus.Proposed)
        {
            return Problems.Conflict("该版本已处理", "This version has already been decided");
        }
        var who = user.Identity?.Name ?? "unknown";
        if (string.Equals(who, row.ProposedBy, StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Forbidden("提议人不能审批自己的策略变更（需第二人审批）", "The proposer cannot approve their own change: a second person must");
        }
        foreach (var active in await db.Policies.Where(r => r.Status == RuleSetStatus.Active).ToListAsync(ct))
        {
            active.Status = RuleSetStatus.Retired;
        }
        row.Status = RuleSetStatus.Active;
        row.DecidedBy = who;
        row.DecidedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        book.Invalidate();
        return TypedResults.Ok(new ProposeRules.Response(version, "active"));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
