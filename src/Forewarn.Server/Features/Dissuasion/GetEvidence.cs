using Forewarn.Server.Common;
using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Dissuasion;

/// <summary><c>GET /api/v1/evidence/{id}</c> — a visit's photo or signature, within the caller's territory, never cached.</summary>
public static class GetEvidence
{
    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Handle(long id, AppDbContext db, HttpResponse response, CancellationToken ct)
    {
        var evidence = await db.Set<Evidence>().AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
        if (evidence is null)
        {
            return Problems.NotFound();
        }
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Content-Type-Options"] = "nosniff";
        return TypedResults.File(evidence.Content, evidence.ContentType);
    }
}
