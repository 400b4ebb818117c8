import { SetMetadata } from '@nestjs/common';

export const IS_ADMIN_ONLY = 'runq:isAdminOnly';
/** Marks a route (or controller) that only admin keys may call; user keys get 403. */
export const AdminOnly = () => SetMetadata(IS_ADMIN_ONLY, true);
