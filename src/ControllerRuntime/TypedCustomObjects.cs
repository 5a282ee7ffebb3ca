using k8s;

namespace Netra.ControllerRuntime;

/// <summary>
/// Custom objects read from the API server's response straight into their types. The untyped calls parse a whole
/// response into a document first and the caller copies it again: for an object of a megabyte, several megabytes
/// at once; read typed, a type's converter can also decline to keep what it does not need.
/// </summary>
public static class TypedCustomObjects
{
    public static async Task<T> GetAsync<T>(
        this ICustomObjectsOperations objects, string group, string version, string ns, string plural, string name,
        CancellationToken cancellationToken)
    {
        using var response = await objects.GetNamespacedCustomObjectWithHttpMessagesAsync<T>(
            group, version, ns, plural, name, cancellationToken: cancellationToken);
        return response.Body;
    }

    /// <summary>One page of the objects in <paramref name="ns"/>, or in every namespace when it is null.</summary>
    public static async Task<CustomObjectList<T>> ListAsync<T>(
        this ICustomObjectsOperations objects, string group, string version, string? ns, string plural,
        string? labelSelector = null, int? limit = null, string? continueToken = null, CancellationToken cancellationToken = default)
    {
        using var response = ns is null
            ? await objects.ListClusterCustomObjectWithHttpMessagesAsync<CustomObjectList<T>>(
                group, version, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                cancellationToken: cancellationToken)
            : await objects.ListNamespacedCustomObjectWithHttpMessagesAsync<CustomObjectList<T>>(
                group, version, ns, plural, continueParameter: continueToken, labelSelector: labelSelector, limit: limit,
                cancellationToken: cancellationToken);
        return response.Body;
    }

}
