using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Forewarn.Server.Features.Territory;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Suspects;

/// <summary>
/// <c>POST /api/v1/dens/{id}/status</c> <c>{ status: "confirmed"|"destroyed"|"moved", at? }</c> — suspected → confirmed → destroyed (捣毁,
/// with its time, which statistics count), or moved away; a destroyed den stays destroyed.
/// </summary>
public static class ChangeDenStatus
{
    public sealed record Request(string? Status, string? At);

    public static async Task<Results<Ok<CreateDen.View>, ProblemHttpResult>> Handle(long id, Request request, AppDbContext db, TerritoryResolver territory,
        TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var errors = new Dictionary<string, string[]>();
        if (request.Status is not (DenStatus.Confirmed or DenStatus.Destroyed or DenStatus.Moved))
        {
            errors["status"] = [L.T("status 应为 confirmed、destroyed 或 moved", "status must be confirmed, destroyed or moved")];
        }
        var at = RecordArrest.When(request.At, now, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }
        var den = await db.Set<Den>().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (den is null)
        {
            return Problems.NotFound();
        }
        if (!DenStatus.CanMove(den.Status, request.Status!))
        {
            return Problems.Conflict($"窝点状态不能从“{DenStatus.ChineseName(den.Status)}”改为“{DenStatus.ChineseName(request.Status!)}”",
                $"A den cannot move from {den.Status} to {request.Status}");
        }
        den.Status = request.Status!;
        if (den.Status == DenStatus.Destroyed)
        {
            den.DestroyedAt = at;
        }
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(CreateDen.ToView(den, await territory.GetMapAsync(ct)));
    }
}
