/** An ARM error response: `{"error":{"code","message"}}` with an HTTP status. */
export class ArmError extends Error {
  override name = 'ArmError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }

  body(): { error: { code: string; message: string } } {
    return { error: { code: this.code, message: this.message } };
  }
}

export function resourceNotFound(typeAndName: string, resourceGroup: string | undefined): ArmError {
  const where = resourceGroup ? ` under resource group '${resourceGroup}'` : '';
  return new ArmError(404, 'ResourceNotFound', `The Resource '${typeAndName}'${where} was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix`);
}

export function resourceGroupNotFound(resourceGroup: string): ArmError {
  return new ArmError(404, 'ResourceGroupNotFound', `Resource group '${resourceGroup}' could not be found.`);
}

export function parentResourceNotFound(parentId: string): ArmError {
  return new ArmError(404, 'ParentResourceNotFound', `Can not perform requested operation on nested resource. Parent resource '${parentId}' not found.`);
}

export function invalidResourceType(type: string, namespace: string, apiVersion: string): ArmError {
  return new ArmError(404, 'InvalidResourceType', `The resource type '${type}' could not be found in the namespace '${namespace}' for api version '${apiVersion}'.`);
}

export function invalidRequestContent(detail: string): ArmError {
  return new ArmError(400, 'InvalidRequestContent', `The request content was invalid and could not be deserialized: ${detail}`);
}

export function methodNotAllowed(method: string, path: string): ArmError {
  return new ArmError(405, 'MethodNotAllowed', `The requested method '${method}' is not allowed on '${path}'.`);
}
