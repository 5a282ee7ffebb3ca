using k8s.Models;

namespace Netra.Operator.Tests.Charts;

/// <summary>
/// Auth and backend keep their SQLite file on a PersistentVolumeClaim (the chart's own, or an existing
/// one) mounted at /app/data, one replica replaced with Recreate; disabled, an emptyDir. The agent has no state.
/// </summary>
public sealed class ChartPersistenceTests
{
    public static TheoryData<string> StatefulCharts => ["netra-auth", "netra-backend"];

    [Theory]
    [MemberData(nameof(StatefulCharts))]
    public void By_default_the_data_directory_is_a_claim_of_the_charts_own(string chart)
    {
        var objects = new HelmChart(chart).Render();
        var claim = HelmChart.OfKind<V1PersistentVolumeClaim>(objects, "PersistentVolumeClaim");
        var deployment = HelmChart.OfKind<V1Deployment>(objects, "Deployment");
        var strategy = HelmChart.OfKind(objects, "Deployment")["spec"]!["strategy"]!.AsObject();

        Assert.Equal($"{chart}-data", claim.Metadata.Name);
        Assert.Equal(["ReadWriteOnce"], claim.Spec.AccessModes);
        Assert.Equal("1Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Null(claim.Spec.StorageClassName);
        Assert.Equal($"{chart}-data", DataVolume(deployment).PersistentVolumeClaim.ClaimName);
        Assert.Equal("/app/data", deployment.Spec.Template.Spec.Containers[0].VolumeMounts.Single(mount => mount.Name == "data").MountPath);
        Assert.Equal("Recreate", deployment.Spec.Strategy.Type);
        Assert.True(strategy.ContainsKey("rollingUpdate") && strategy["rollingUpdate"] is null, "an upgrade from RollingUpdate drops its defaults");
        Assert.Equal(1, deployment.Spec.Replicas);
    }

    [Theory]
    [MemberData(nameof(StatefulCharts))]
    public void Size_and_storage_class_reach_the_claim(string chart)
    {
        var claim = HelmChart.OfKind<V1PersistentVolumeClaim>(
            new HelmChart(chart).Render("persistence: {size: 20Gi, storageClass: fast-ssd}"), "PersistentVolumeClaim");

        Assert.Equal("20Gi", claim.Spec.Resources.Requests["storage"].ToString());
        Assert.Equal("fast-ssd", claim.Spec.StorageClassName);
    }

    [Theory]
    [MemberData(nameof(StatefulCharts))]
    public void An_existing_claim_is_mounted_and_none_is_created(string chart)
    {
        var objects = new HelmChart(chart).Render("persistence: {existingClaim: my-data}");

        Assert.False(HelmChart.Contains(objects, "PersistentVolumeClaim"));
        Assert.Equal("my-data", DataVolume(HelmChart.OfKind<V1Deployment>(objects, "Deployment")).PersistentVolumeClaim.ClaimName);
    }

    [Theory]
    [MemberData(nameof(StatefulCharts))]
    public void Disabled_the_data_directory_is_an_empty_dir_and_updates_roll(string chart)
    {
        var objects = new HelmChart(chart).Render("persistence: {enabled: false}");
        var deployment = HelmChart.OfKind<V1Deployment>(objects, "Deployment");

        Assert.False(HelmChart.Contains(objects, "PersistentVolumeClaim"));
        Assert.NotNull(DataVolume(deployment).EmptyDir);
        Assert.Null(DataVolume(deployment).PersistentVolumeClaim);
        Assert.Null(deployment.Spec.Strategy);
    }

    [Fact]
    public void The_agent_has_no_claim_and_no_data_volume()
    {
        var objects = new HelmChart("netra-agent").Render();

        Assert.False(HelmChart.Contains(objects, "PersistentVolumeClaim"));
        Assert.DoesNotContain(HelmChart.OfKind<V1Deployment>(objects, "Deployment").Spec.Template.Spec.Volumes, volume => volume.Name == "data");
    }

    private static V1Volume DataVolume(V1Deployment deployment) => deployment.Spec.Template.Spec.Volumes.Single(volume => volume.Name == "data");
}
