using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Quarantine;

/// <summary><c>GET /api/v1/quarantine?kind=..&amp;status=pending</c> — rejected input waiting for review (city level).</summary>
public static class ListQuarantine
{
    public sealed record Item(long Id, string Kind, int? ClientId, string? ExternalId, string Payload, JsonElement Errors, DateTimeOffset ReceivedAt,
        string Status, DateTimeOffset? ResolvedAt, string? ResolvedBy);

    public static async Task<Results<Ok<List<Item>>, ProblemHttpResult>> Handle(AppDbContext db, string? kind, string? status, int? take, CancellationToken ct)
    {
        var query = db.Quarantine.AsNoTracking();
        if (kind is not null)
        {
            if (!Enum.TryParse<QuarantineKind>(kind, true, out var k) || int.TryParse(kind, out _))
            {
                return Problems.BadRequest("kind 应为 signal、contact 或 indicator", "kind must be signal, contact or indicator");
            }
            query = query.Where(i => i.Kind == k);
        }
        var wanted = QuarantineStatus.Pending;
        if (status is not null && (!Enum.TryParse(status, true, out wanted) || int.TryParse(status, out _)))
        {
            return Problems.BadRequest("status 应为 pending、replayed 或 discarded", "status must be pending, replayed or discarded");
        }
        var rows = await query.Where(i => i.Status == wanted).OrderByDescending(i => i.Id).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(rows.Select(ToItem).ToList());
    }

    public static Item ToItem(QuarantinedItem i) => new(i.Id, i.Kind.ToString().ToLowerInvariant(), i.ClientId, i.ExternalId, i.Payload,
        JsonDocument.Parse(i.Errors).RootElement.Clone(), Warnings.ListWarnings.Utc(i.ReceivedAt), i.Status.ToString().ToLowerInvariant(),
        i.ResolvedAt is { } r ? Warnings.ListWarnings.Utc(r) : null, i.ResolvedBy);
}
