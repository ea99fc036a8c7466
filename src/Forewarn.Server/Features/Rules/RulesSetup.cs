using Forewarn.Server.Features.Audit;
using Forewarn.Server.Features.Identity;

namespace Forewarn.Server.Features.Rules;

public static class RulesSetup
{
    public static WebApplicationBuilder AddRulesArea(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<RuleBook>();
        return builder;
    }

    public static WebApplication MapRulesArea(this WebApplication app)
    {
        var rules = app.MapGroup("/api/v1/rules").WithTags("Rules").Audited();
        rules.MapGet("/", ListRules.Handle).RequireAuthorization(Policies.RulesPropose);
        rules.MapPost("/", ProposeRules.Handle).RequireAuthorization(Policies.RulesPropose);
        rules.MapPost("/dry-run", DryRunRules.Handle).RequireAuthorization(Policies.RulesPropose);
        rules.MapPost("/{version:int}/approve", DecideRules.Approve).RequireAuthorization(Policies.RulesPropose);
        rules.MapPost("/{version:int}/reject", DecideRules.Reject).RequireAuthorization(Policies.RulesPropose);
        return app;
    }
}
