using System.Security.Claims;
using System.Text.Json;
using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Signals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Quarantine;

/// <summary>
/// <c>POST /api/v1/quarantine/{id}/replay</c> with an optional corrected item: runs a rejected signal through the
/// intake again on behalf of the client that sent it. Success marks it replayed; a new rejection leaves it pending.
/// </summary>
public static class ReplayQuarantined
{
    public sealed record Request(JsonElement? Payload);

    public static async Task<Results<Ok<ItemResult>, ProblemHttpResult>> Handle(long id, Request? request, AppDbContext db, SignalIntake intake,
        ClaimsPrincipal user, TimeProvider clock, CancellationToken ct)
    {
        var item = await db.Quarantine.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (item is null)
        {
            return Problems.NotFound();
        }
        if (item.Status != QuarantineStatus.Pending || item.Kind != QuarantineKind.Signal || item.ClientId is null)
        {
            return Problems.Conflict("只能重放待处理的信号条目", "Only pending signal items can be replayed");
        }
        var raw = request?.Payload is { ValueKind: JsonValueKind.Object } corrected ? corrected.GetRawText() : item.Payload;
        SignalItem? parsed;
        try
        {
            parsed = JsonSerializer.Deserialize<SignalItem>(raw, IngestSignals.Json);
        }
        catch (JsonException)
        {
            return Problems.BadRequest("条目仍不是有效的 JSON", "The item is still not valid JSON");
        }
        var actor = user.Identity?.Name ?? "unknown";
        var result = (await intake.IngestAsync(item.ClientId.Value, actor, [new RawItem(parsed, raw, null)], ct, quarantineRejected: false))[0];
        if (result.Status != SignalIntake.Rejected)
        {
            item.Status = QuarantineStatus.Replayed;
            item.ResolvedAt = clock.GetUtcNow().UtcDateTime;
            item.ResolvedBy = actor;
            await db.SaveChangesAsync(ct);
        }
        return TypedResults.Ok(result);
    }
}
