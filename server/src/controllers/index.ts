import broadcasts from './broadcasts';
import pages from './pages';
import webhook from './webhook';

export default { webhook, broadcasts, pages };
