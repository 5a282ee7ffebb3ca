using Netra.Probes.Contract;
using Netra.Probes.Report;
using Netra.Probes.Running;
using Netra.Probes.Scenarios;

namespace Netra.Probes.Tests;

/// <summary>A scenario's methods are bound to the cases <see cref="ScenarioCases"/> declares, or it cannot be built.</summary>
public sealed class CaseBindingTests
{
    private const string Independence = ScenarioNames.AuthServiceIndependence;

    [Theory]
    [InlineData(
        Independence,
        "ready-on-its-own serves-whole-api",
        "case 3 is bound as nothing but ScenarioCases declares 'tokens-verifiable-from-jwks' there")]
    [InlineData(
        Independence,
        "ready-on-its-own serves-whole-api tokens-verifiable-from-jwks extra",
        "case 4 is bound as 'extra' but ScenarioCases declares nothing there")]
    [InlineData(
        Independence,
        "serves-whole-api ready-on-its-own tokens-verifiable-from-jwks",
        "case 1 is bound as 'serves-whole-api' but ScenarioCases declares 'ready-on-its-own' there")]
    [InlineData(
        Independence,
        "ready-on-its-own serves-the-api tokens-verifiable-from-jwks",
        "case 2 is bound as 'serves-the-api' but ScenarioCases declares 'serves-whole-api' there")]
    [InlineData("not-a-scenario", "one", "case 1 is bound as 'one' but ScenarioCases declares nothing there")]
    public void Methods_that_differ_from_the_declared_cases_fail_construction(string scenario, string ids, string problem)
    {
        var error = Assert.Throws<InvalidOperationException>(() => new BoundTo(scenario, ids.Split(' ')));

        Assert.Equal($"Scenario {scenario}: {problem}", error.Message);
    }

    [Fact]
    public void Bound_cases_take_the_tables_ids_and_descriptions_and_their_bindings_needs()
    {
        var scenario = new IndependenceWaitingForShortTokens();

        Assert.Equal(ScenarioCases.Of(Independence).Select(c => $"{Independence}/{c.Id}"), scenario.Cases.Select(c => c.Id));
        Assert.Equal(ScenarioCases.Of(Independence).Select(c => c.Description), scenario.Cases.Select(c => c.Description));
        Assert.Equal([false, true, false], scenario.Cases.Select(c => c.Alongside));
        Assert.Equal(
            [CaseNeeds.ModelRuns, CaseNeeds.ModelRuns | CaseNeeds.ShortTokens, CaseNeeds.ModelRuns],
            scenario.Cases.Select(c => c.Needs));
    }

    private static Task Pass(ProbeContext ctx, CancellationToken ct) => Task.CompletedTask;

    private sealed class BoundTo : Scenario
    {
        public BoundTo(string name, IEnumerable<string> ids)
            : base(name, "binds the given ids") => BindCases([.. ids.Select(id => Case(id, Pass))]);
    }

    private sealed class IndependenceWaitingForShortTokens : Scenario
    {
        public IndependenceWaitingForShortTokens()
            : base(Independence, "one waiting case", CaseNeeds.ModelRuns) => BindCases(
                Case("ready-on-its-own", Pass),
                WaitingCase("serves-whole-api", Pass, CaseNeeds.ShortTokens),
                Case("tokens-verifiable-from-jwks", Pass));
    }
}
