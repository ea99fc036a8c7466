using System.Text.Json;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Warnings;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Rules;

/// <summary><c>GET /api/v1/rules</c> — the active rule set and every proposal, newest first.</summary>
public static class ListRules
{
    public sealed record Version(int Number, string Status, JsonElement Rules, string ProposedBy, DateTimeOffset ProposedAt, string? DecidedBy,
        DateTimeOffset? DecidedAt, string? Note);

    public sealed record Response(int ActiveVersion, JsonElement Active, IReadOnlyList<Version> Versions);

    public static async Task<Ok<Response>> Handle(AppDbContext db, RuleBook book, CancellationToken ct)
    {
        var active = await book.CurrentAsync(ct);
        var rows = await db.RuleSets.AsNoTracking().OrderByDescending(r => r.Version).ToListAsync(ct);
        return TypedResults.Ok(new Response(active.Version, Parse(Engine.Warnings.RuleSet.ToJson(active)),
            rows.Select(r => new Version(r.Version, r.Status.ToString().ToLowerInvariant(), Parse(r.Json), r.ProposedBy, ListWarnings.Utc(r.ProposedAt),
                r.DecidedBy, r.DecidedAt is { } d ? ListWarnings.Utc(d) : null, r.Note)).ToList()));
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement.Clone();
}
