using Netra.Operator.Core.Api.V1Alpha1;
using Netra.Operator.Local;
using Netra.TestBed;

namespace Netra.Operator.Bench;

/// <summary>The TestRun the bench creates: Existing mode, one scenario, its probe pod finished by <see cref="InstantKubelet"/>.</summary>
internal static class TestRunManifests
{
    public static TestRun Existing(string name) => TestRunManifest.Parse($$"""
        apiVersion: netra.io/v1alpha1
        kind: TestRun
        metadata: {name: {{name}}}
        spec:
          scenarios: [auth-service-independence]
          environment:
            mode: Existing
            endpoints: {{OperatorTestBed.UnreachableEndpoints}}
        """, "bench");
}
