import hasAnyPermission from './has-any-permission';
import requireHttps from './require-https';

export default { 'require-https': requireHttps, 'has-any-permission': hasAnyPermission };
