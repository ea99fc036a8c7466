using Forewarn.Server.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Forewarn.Server.Features.Audit;

/// <summary>
/// <c>GET /api/v1/audit/verify</c> → <c>{ "intact", "records", "problem"? }</c> — checks the hash chain as <c>forewarn audit verify</c>
/// does, from inside the running server.
/// </summary>
public static class VerifyAudit
{
    public sealed record Response(bool Intact, long Records, string? Problem);

    public static async Task<Ok<Response>> Handle(AppDbContext db, AuditChain chain, CancellationToken ct)
    {
        var problem = await chain.VerifyAsync(db, ct);
        var records = await db.AuditHeads.AsNoTracking().Where(h => h.Id == 1).Select(h => (long?)h.Seq).FirstOrDefaultAsync(ct) ?? 0;
        return TypedResults.Ok(new Response(problem is null, records, problem));
    }
}
