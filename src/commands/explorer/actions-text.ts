// What the action prompts say, pure (no vscode) so the wording is unit-tested: every confirmation names the object,
// the namespace (or ECS cluster), the cluster and the Region, and the identity it runs as, because the same names
// exist in staging and production and a profile switch is one click away.
import type { AwsScope, EksClusterRef } from '../../views/target';

export function identityText(s: Pick<AwsScope, 'profile' | 'sso'>): string {
  return s.sso ? `${s.sso.roleName} in account ${s.sso.accountId}` : `profile ${s.profile ?? 'default'}`;
}

/** "namespace shop of cluster wharf-demo (us-east-1, profile wharf-admin)" */
export function kubeWhere(ref: EksClusterRef, namespace: string | undefined): string {
  return `${namespace ? `namespace ${namespace} of ` : ''}cluster ${ref.clusterName} (${ref.region}, ${identityText(ref)})`;
}

/** "ECS cluster shop (us-east-1, profile wharf-admin)" */
export function ecsWhere(scope: AwsScope, clusterArn: string): string {
  return `ECS cluster ${clusterArn.split('/').pop()} (${scope.region}, ${identityText(scope)})`;
}

export interface Confirmation {
  message: string;
  detail: string;
  /** The button that goes ahead; a second one where there is a stronger variant (delete now). */
  buttons: string[];
}

/** What an HPA on the workload will do to the count asked for; `known: false` when the HPAs could not be read. */
export interface AutoscalerNote {
  known: boolean;
  hpa?: { name: string; min: number; max: number };
}

export function scaleConfirmation(kind: string, name: string, where: string, from: number, to: number, auto: AutoscalerNote = { known: false }): Confirmation {
  const pods = to === 0
    ? `Every pod of ${name} is stopped; the ${kind} stays, at 0 replicas, until it is scaled up again.`
    : `${to > from ? 'New pods start' : `${from - to} pod${from - to === 1 ? ' is' : 's are'} stopped`} as the controller converges.`;
  const h = auto.hpa;
  // The HPA controller leaves a target at 0 replicas alone (scaling to zero switches it off).
  const hpa = to === 0
    ? h ? ` HorizontalPodAutoscaler ${h.name} leaves it alone at 0 and takes over again once it is scaled up.` : ''
    : h
    ? to < h.min || to > h.max
      ? ` HorizontalPodAutoscaler ${h.name} keeps this ${kind} between ${h.min} and ${h.max} replicas: it will set the count back into that range within a minute. To change it for good, edit the HPA's minReplicas / maxReplicas.`
      : ` HorizontalPodAutoscaler ${h.name} (${h.min}-${h.max} replicas) will change the count again as the load changes.`
    : auto.known
      ? ''
      : ' An autoscaler (HPA) on it may change the count again.';
  return { message: `Scale ${kind} ${name} from ${from} to ${to} replica${to === 1 ? '' : 's'} in ${where}?`, detail: pods + hpa, buttons: ['Scale'] };
}

/** The input box's prompt: the counts now, and the HPA's range when one manages the workload. */
export function scalePrompt(where: string, desired: number, current: number, auto: AutoscalerNote): string {
  const h = auto.hpa;
  return `Replicas in ${where}. Now ${desired} desired, ${current} existing.${h ? ` HorizontalPodAutoscaler ${h.name} manages it (${h.min}-${h.max}).` : ''}`;
}

/** When the count changed between reading it and the patch (the patch is conditional on what was shown). */
export function scaleConflictText(kind: string, name: string, now: number): string {
  return `The replica count of ${kind} ${name} changed while the dialog was open (now ${now} desired); nothing was changed. Run Scale again to start from the new count.`;
}

export function restartConfirmation(kind: string, name: string, where: string): Confirmation {
  return {
    message: `Restart the rollout of ${kind} ${name} in ${where}?`,
    detail: `Every pod of ${name} is replaced, as its update strategy allows (kubectl rollout restart: the pod template gets a new kubectl.kubernetes.io/restartedAt annotation).`,
    buttons: ['Restart'],
  };
}

export function deletePodConfirmation(name: string, where: string, o: { owner?: string; terminatingSince?: string }): Confirmation {
  const owned = o.owner ? ` Its ${o.owner} makes a replacement.` : ' No controller owns it: it is gone for good.';
  const stuck = o.terminatingSince ? ` It has been terminating since ${o.terminatingSince}.` : '';
  return {
    message: `Delete pod ${name} in ${where}?`,
    detail: `${owned}${stuck} "Delete Now" skips the grace period (--grace-period=0 --force): the pod leaves the API at once, even if its node never confirms that the containers stopped.`.trim(),
    buttons: ['Delete', 'Delete Now'],
  };
}

export function forceDeploymentConfirmation(service: string, where: string, taskDefinition: string | undefined): Confirmation {
  return {
    message: `Force a new deployment of service ${service} in ${where}?`,
    detail: `ECS starts new tasks${taskDefinition ? ` from ${taskDefinition.split('/').pop()}` : ''} (pulling the image tags again) and stops the old ones as the deployment configuration allows.`,
    buttons: ['Deploy'],
  };
}

export function desiredCountConfirmation(service: string, where: string, from: number, to: number): Confirmation {
  return {
    message: `Set the desired count of service ${service} from ${from} to ${to} in ${where}?`,
    detail: to === 0 ? 'ECS stops every task of the service; the service stays.' : 'ECS starts or stops tasks to match. Service Auto Scaling, if configured, may change it again.',
    buttons: ['Set Desired Count'],
  };
}

export function stopTaskConfirmation(taskId: string, where: string, service: string | undefined, reason: string): Confirmation {
  return {
    message: `Stop task ${taskId} in ${where}?`,
    detail: `${service ? `Service ${service} starts a replacement to keep its desired count. ` : 'It is a standalone task: nothing replaces it. '}Reason recorded: "${reason}".`,
    buttons: ['Stop Task'],
  };
}
