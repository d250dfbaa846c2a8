// @ts-check
/// <reference types="@virtual-clinic/sdk" />
// A plain page's script with nothing but the one line of docs/getting-started.md ("Types and
// completion in a plain page") above: it gets the tags' types. Each `@ts-expect-error` must be one.
const clinic = document.querySelector('vc-clinic');
if (!clinic) throw new Error('This page has no <vc-clinic>.');
clinic.getToken = () => 'a token';
clinic.addEventListener('vc-request-accepted', (event) => console.log(event.detail.sessionId));
// @ts-expect-error no such detail
clinic.addEventListener('vc-request-accepted', (event) => console.log(event.detail.nothing));

const queue = document.createElement('vc-request-queue');
queue.overdueAfter = 300;
queue.clinic = undefined;
// @ts-expect-error overdueAfter takes seconds, a number
queue.overdueAfter = 'soon';

/** @param {import('@virtual-clinic/sdk').VcEvent<'vc-request-declined'>} event */
const onDeclined = (event) => console.log(event.detail.note);
clinic.addEventListener('vc-request-declined', onDeclined);
// @ts-expect-error a handler of vc-request-declined cannot take vc-request-accepted
clinic.addEventListener('vc-request-accepted', onDeclined);
