using Netra.Operator.Core.Controller;

namespace Netra.Operator.Tests.Controller;

public sealed class ShardPlanTests
{
    [Theory]
    [InlineData("thread-management,auth-service-independence", 1, "thread-management+auth-service-independence")]
    [InlineData("thread-management,auth-service-independence", 2, "thread-management|auth-service-independence")]
    [InlineData("thread-management,auth-service-independence", 5, "thread-management|auth-service-independence")]
    [InlineData("thread-management,agent-failure-recovery,auth-service-independence", 3, "thread-management|auth-service-independence / agent-failure-recovery")]
    [InlineData("agent-failure-recovery", 4, "agent-failure-recovery")]
    [InlineData("a,b,c,d,e", 2, "a+c+e|b+d")]
    public void Shares_scenarios_round_robin_and_puts_the_exclusive_one_in_a_later_wave_alone(string scenarios, int parallelism, string expected)
    {
        var waves = ShardPlan.Waves(scenarios.Split(','), parallelism);

        Assert.Equal(expected, string.Join(" / ", waves.Select(w => string.Join("|", w.Select(s => string.Join("+", s))))));
    }
}
