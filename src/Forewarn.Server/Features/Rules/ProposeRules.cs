using System.Security.Claims;
using System.Text.Json;
using Forewarn.Engine.Warnings;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Rules;

/// <summary>
/// <c>POST /api/v1/rules</c> <c>{ "rules": {…rule set…}, "note" }</c> — proposes a new version. It takes effect
/// only when a second person approves it (maker-checker).
/// </summary>
public static class ProposeRules
{
    public sealed record Request(JsonElement? Rules, string? Note);

    public sealed record Response(int Version, string Status);

    public static async Task<Results<Created<Response>, ProblemHttpResult>> Handle(Request request, AppDbContext db, ClaimsPrincipal user,
        TimeProvider clock, CancellationToken ct)
    {
        if (Parse(request.Rules) is not { } proposed)
        {
            return Problems.BadRequest("rules 不是有效的规则集", "rules is not a valid rule set");
        }
        var next = Math.Max(1, await db.RuleSets.MaxAsync(r => (int?)r.Version, ct) ?? 1) + 1;
        db.RuleSets.Add(new RuleSetRow
        {
            Version = next,
            Json = RuleSet.ToJson(proposed with { Version = next }),
            Status = RuleSetStatus.Proposed,
            ProposedBy = user.Identity?.Name ?? "unknown",
            ProposedAt = clock.GetUtcNow().UtcDateTime,
            Note = request.Note?.Length > 1000 ? request.Note[..1000] : request.Note,
        });
        await db.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/v1/rules/{next}", new Response(next, "proposed"));
    }

    public static RuleSet? Parse(JsonElement? rules)
    {
        if (rules is not { ValueKind: JsonValueKind.Object } element)
        {
            return null;
        }
        try
        {
            var set = RuleSet.FromJson(element.GetRawText());
            return set.Rules.Count == 0 ? null : set;
        }
        catch (Exception e) when (e is JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }
}
