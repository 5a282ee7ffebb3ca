using System.Runtime.CompilerServices;
using Netra.Operator.Core.Api.V1Alpha1;

namespace Netra.Operator.Tests;

/// <summary>The operator's serializer options, as its programs set them first thing, before any test runs.</summary>
internal static class OperatorJson
{
    [ModuleInitializer]
    internal static void Register() => TestRunJson.Register();
}
