using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Cases;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.TwoCards;

/// <summary>
/// Two cards (两卡): punishments of SIM and bank card holders. Staff read within their territory; analysts, dispatchers and officers impose
/// measures and file appeals or restore requests (<see cref="CrackdownPolicies.Write"/>); a city analyst or security admin other than the
/// requester decides them and exports the lists (<see cref="CrackdownPolicies.Approve"/>).
/// </summary>
public static class TwoCardsSetup
{
    public static WebApplicationBuilder AddTwoCardsArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ExpireMeasures>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ExpireMeasures>());
        return builder;
    }

    public static WebApplication MapTwoCardsArea(this WebApplication app)
    {
        var cards = app.MapGroup("/api/v1/two-cards").WithTags("TwoCards").Audited();
        cards.MapGet("/", ReadMeasures.List).RequireAuthorization(Policies.Staff);
        cards.MapGet("/{id:long}", ReadMeasures.Get).RequireAuthorization(Policies.Staff);
        cards.MapPost("/", ImposeMeasure.Handle).RequireAuthorization(CrackdownPolicies.Write);
        cards.MapPost("/{id:long}/appeals", RequestReview.Appeal).RequireAuthorization(CrackdownPolicies.Write);
        cards.MapPost("/{id:long}/restore", RequestReview.Restore).RequireAuthorization(CrackdownPolicies.Write);
        cards.MapGet("/reviews", DecideReview.List).RequireAuthorization(Policies.Staff);
        cards.MapPost("/reviews/{id:long}/approve", DecideReview.Approve).RequireAuthorization(CrackdownPolicies.Approve);
        cards.MapPost("/reviews/{id:long}/reject", DecideReview.Reject).RequireAuthorization(CrackdownPolicies.Approve);
        cards.MapGet("/export", ExportMeasures.Handle).RequireAuthorization(CrackdownPolicies.Approve).RequireRateLimiting(RateLimits.Exports);
        return app;
    }
}
